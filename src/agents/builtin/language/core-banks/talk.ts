import type { Role, ToneBanks } from "../banks.ts";
import type { MoveKind } from "../move.ts";

/** The core sentences for reject, walk-away, question, answer and thanks: everything that is not a price, by role and tone. */
export const TALK = {
  reject: {
    seller: {
      default: [
        "Sorry, I can't do {theirs}.",
        "Thanks, but {theirs} is too low for me.",
        "I'll have to pass on {theirs}, I'm afraid.",
        "That's a bit too low for me, sorry.",
        "I appreciate it, but I can't accept that.",
      ],
      aggressive: ["{theirs}? No.", "Not at {theirs}. Try again.", "No chance.", "No. Try again."],
      "polite-firm": [
        "Thank you, but I can't accept {theirs}.",
        "I'm afraid {theirs} doesn't work for me.",
        "I'll have to decline that offer.",
      ],
      theatrical: [
        "{theirs}? Never! Not while there's breath in my body!",
        "Alas, I must refuse {theirs}.",
        "Nay! That would be a tragedy!",
      ],
      weary: [
        "Sorry, can't do {theirs}.",
        "Ah, {theirs} just won't work for me.",
        "I don't think I can do that, sorry.",
      ],
      enthusiastic: [
        "Ah, sorry, I can't do {theirs}!",
        "Oh no, {theirs} won't work for me, sorry!",
        "Ah, sorry, I can't do that one!",
      ],
      terse: ["No.", "Can't do {theirs}.", "Pass."],
      formal: [
        "I regret that I cannot accept {theirs}.",
        "I must decline your offer of {theirs}.",
        "I am afraid I must decline.",
      ],
    },
    buyer: {
      default: [
        "Sorry, {theirs} is more than I want to spend.",
        "Thanks, but I'll have to pass at {theirs}.",
        "That's a bit too rich for me, sorry.",
        "I can't do that one, I'm afraid.",
        "Thanks, but that doesn't work for me.",
      ],
      aggressive: ["{theirs}? No way.", "Not happening at {theirs}.", "Too high. No.", "No."],
      "polite-firm": [
        "Thank you, but I can't accept {theirs}.",
        "I'm afraid {theirs} doesn't work for me.",
        "I'll have to decline, thank you.",
      ],
      theatrical: ["{theirs}? Heavens, no!", "Alas, {theirs} is beyond the pale!", "Nay, it cannot be!"],
      weary: [
        "Sorry, {theirs} is too steep for me.",
        "Ah, can't do {theirs}, friend.",
        "Can't do that one, sorry.",
      ],
      enthusiastic: [
        "Ah, sorry, {theirs} is too much for me!",
        "Oh no, I can't do {theirs}, sorry!",
        "Ah, sorry, I can't do that one!",
      ],
      terse: ["No.", "Can't do {theirs}.", "Pass."],
      formal: [
        "I regret that I cannot accept {theirs}.",
        "I must decline at {theirs}.",
        "I am afraid I must decline.",
      ],
    },
  },

  "walk-away": {
    seller: {
      default: [
        "I don't think we're going to meet on price, so I'll leave it there. Good luck with your search!",
        "We seem pretty far apart, so I'll bow out. Thanks for your time!",
        "I'll pass on this one. Thanks for the chat, and good luck!",
        "I don't think we can make this work. Thanks anyway, {them}!",
        "I can't make {theirs} work, so I'll let this one go. All the best!",
      ],
      aggressive: [
        "We're done here.",
        "Not worth my time at that price. Good luck.",
        "{theirs}? We're done. Good luck finding a better one.",
      ],
      "polite-firm": [
        "I don't think we'll reach an agreement, so I'll withdraw. Thank you for your time.",
        "I'm afraid we're too far apart. Thank you for your interest.",
        "I can't accept {theirs}, so I'll leave it there. Thank you for your time.",
      ],
      theatrical: [
        "Alas, our paths must part! Farewell, and may you find what you seek.",
        "Exit, stage left! I bid you good day.",
        "The curtain falls on our little drama. Farewell!",
      ],
      weary: [
        "Guess it wasn't meant to be. Take care.",
        "Ah well. I'll leave it here. Good luck to you.",
        "Can't do {theirs}, friend. I'll leave it here.",
      ],
      enthusiastic: [
        "Ah, shame! Doesn't look like we'll get there. Best of luck!",
        "Oh well, can't win them all! Good luck with your search!",
        "Looks like {theirs} won't work for me, but thanks so much for chatting!",
      ],
      terse: ["No deal. Thanks.", "Pass. Good luck.", "Not at {theirs}. Done."],
      formal: [
        "I regret that we are unable to reach an agreement. I wish you the best of luck.",
        "I shall withdraw from this negotiation. Thank you for your time.",
        "As I cannot accept {theirs}, I shall withdraw. Thank you for your time.",
      ],
    },
    buyer: {
      default: [
        "I think we're too far apart, so I'll pass. Good luck with the sale!",
        "I'll have to leave it there, I'm afraid. Thanks for your time!",
        "I don't think this one's for me at that price. Good luck selling {it}!",
        "{theirs} is more than I'd like to spend, so I'll bow out. Thanks anyway!",
        "I'm going to pass this time. Thanks, {them}, and good luck!",
      ],
      aggressive: ["Forget it. Good luck selling {it}.", "I'm out.", "At {theirs}? I'm out."],
      "polite-firm": [
        "I don't think we'll reach an agreement, so I'll withdraw. Thank you for your time.",
        "I'm afraid we're too far apart. Thank you, and good luck with the sale.",
        "I can't agree to {theirs}, so I'll leave it there. Thank you for your time.",
      ],
      theatrical: [
        "Alas! {Item} {was} not meant to be mine. Farewell!",
        "I must away! Farewell, and may {item} find a worthy owner.",
        "Our tale ends here, unfinished. Farewell!",
      ],
      weary: [
        "Guess it wasn't meant to be. Take care.",
        "Ah well. I'll leave it here. Good luck with {it}.",
        "{theirs} is too steep for me, friend. I'll leave it here.",
      ],
      enthusiastic: [
        "Ah, shame! Doesn't look like we'll get there. Good luck with the sale!",
        "Oh well, can't win them all! Thanks so much for chatting!",
        "{theirs} is a bit much for me, but thanks so much for chatting!",
      ],
      terse: ["No deal. Thanks.", "Pass. Good luck.", "Not at {theirs}. Done."],
      formal: [
        "I regret that we are unable to reach an agreement. I wish you the best with the sale.",
        "I shall withdraw from this negotiation. Thank you for your time.",
        "As I cannot agree to {theirs}, I shall withdraw. Thank you for your time.",
      ],
    },
  },

  question: {
    seller: {
      default: [
        "Are you still interested in {item}?",
        "When would you be able to pick {it} up?",
        "Did you have a price in mind?",
        "Is there anything else you'd like to know about {it}?",
        "What are you planning to use {it} for?",
      ],
      aggressive: ["Are you buying or not?", "What's your offer?", "Still interested?"],
      terse: ["Still interested?", "Your offer?", "Pickup when?"],
      formal: [
        "May I ask whether you are still interested in {item}?",
        "Might you have a price in mind?",
        "When would be convenient for you to collect {it}?",
      ],
      theatrical: [
        "Tell me, what adventures do you have planned for {item}?",
        "Does your heart still beat for {item}?",
        "Name your price, and let the drama begin!",
      ],
      weary: ["You still after {item}?", "You got a price in mind?", "When could you come by for {it}?"],
      enthusiastic: [
        "Are you still interested?! I'd love {it} to go to you!",
        "Do you have a price in mind?",
        "When could you pick {it} up?!",
      ],
    },
    buyer: {
      default: [
        "Could you tell me a bit more about {itsp} condition?",
        "Could you say a bit more about the flaw you mention ({flaw})?",
        "Are there any scratches or issues I should know about?",
        "Why are you selling {it}?",
        "{Does} {sub} come with everything?",
        "Where would I pick {it} up from?",
        "How old {is} {sub}?{noage}",
      ],
      aggressive: [
        "Anything wrong with {it}?",
        "What's the deal with the flaw ({flaw})?",
        "What's your real price?",
      ],
      terse: ["Condition?", "Any flaws?", "How old?{noage}", "About the flaw ({flaw}): how bad?"],
      formal: [
        "Could you kindly describe {itsp} condition?",
        "May I ask how old {sub} {is}?{noage}",
        "Could you tell me more about the flaw you mention ({flaw})?",
        "Are there any defects I should be aware of?",
      ],
      theatrical: [
        "Pray tell, what tales could {item} tell?",
        "What secrets {does} {item} hold? Any scars from battle?",
        "Tell me of the flaw ({flaw}). A noble scar, or a fatal wound?",
      ],
      weary: [
        "Mind telling me a bit more about {it}?",
        "How's {itsp} condition, really?",
        "Tell me straight about the flaw ({flaw}).",
      ],
      enthusiastic: [
        "Ooh, is there anything I should know about {itsp} condition?",
        "{Does} {sub} come with anything else?!",
        "What's the story with the flaw ({flaw})? Hopefully nothing major!",
      ],
    },
  },

  answer: {
    seller: {
      default: ["Sure! {facts}", "Good question. {facts}", "Happy to help. {facts}", "Of course. {facts}"],
      aggressive: ["{facts}", "Here's the deal. {facts}"],
      terse: ["{facts}"],
      formal: ["Certainly. {facts}", "Thank you for asking. {facts}"],
      theatrical: ["Ah, you ask wisely! {facts}", "Gather round, and I shall tell you! {facts}"],
      weary: ["Sure thing. {facts}", "Well, here's the story. {facts}"],
      enthusiastic: ["Great question! {facts}", "Of course! {facts}"],
    },
    buyer: {
      default: [
        "Yes, I'm still interested!",
        "I could pick {it} up this week, whenever suits you.",
        "Still keen! I'd get a lot of use out of {it}.",
        "Yes, definitely still interested.",
      ],
      aggressive: ["Yes, if the price is right.", "Still interested. Depends on the price."],
      terse: ["Yes.", "Still interested.", "Can collect this week."],
      formal: [
        "Yes, I remain interested.",
        "I would be able to collect {it} this week, at your convenience.",
      ],
      theatrical: [
        "Interested? I am positively smitten!",
        "Still interested? My heart beats only for {item}!",
      ],
      weary: ["Yeah, still interested.", "Yeah, I'd still like {it}, if you'll have me."],
      enthusiastic: ["Yes!! Still super interested!", "Absolutely! I'd love {it}!"],
    },
  },

  thanks: {
    seller: {
      default: [
        "Thanks, {them}! When would suit you to pick {it} up?",
        "Great doing business with you! Let me know when you'd like to collect {item}.",
        "Thanks again! I'll have {it} ready for you, just say when.",
        "Pleasure dealing with you. Where would be easiest to meet for the handover?",
      ],
      aggressive: ["Good. When's the handover?", "Done. Let me know when you'll collect."],
      terse: ["Thanks. Pickup when?", "Thanks. When do you collect?"],
      formal: [
        "Thank you for a pleasant transaction. Please let me know a convenient time for the handover.",
        "Thank you. I will have {item} ready for collection at your convenience.",
      ],
      theatrical: [
        "A joyous day! Name the hour and place, and we shall make the exchange!",
        "Bravo, {them}! Now, to the grand handover: when suits you?",
      ],
      weary: [
        "Thank you kindly. Just let me know when works for you.",
        "Appreciate it, {them}. Come by whenever suits.",
      ],
      enthusiastic: [
        "Thank you so much!! When works for the handover?",
        "Yay, thanks {them}! Let me know when you'd like to pick {it} up!",
      ],
    },
    buyer: {
      default: [
        "Thanks so much! When's a good time for me to pick {it} up?",
        "Thank you! Let me know when and where works for the handover.",
        "Great, thanks {them}! I can pick {it} up whenever suits you.",
        "Really appreciate it. Can't wait to get {it}!",
      ],
      aggressive: ["Good. When can I collect?", "Done. Tell me when to pick {it} up."],
      terse: ["Thanks. When's pickup?", "Thanks. Where do I collect?"],
      formal: [
        "Thank you for a pleasant transaction. Please let me know a convenient time for collection.",
        "Thank you. I shall collect {item} at your convenience.",
      ],
      theatrical: [
        "A joyous day! Name the hour and place, and I shall be there!",
        "Bravo, {them}! I shall treasure {it} always. When may I collect?",
      ],
      weary: [
        "Thank you kindly. Just tell me when to come by.",
        "Appreciate it more than you know, {them}. When can I come get {it}?",
      ],
      enthusiastic: [
        "Thank you so much!! When can I pick {it} up?",
        "Yay, thanks {them}! Can't wait to get {it}!",
      ],
    },
  },
} satisfies Partial<Record<MoveKind, Record<Role, ToneBanks>>>;

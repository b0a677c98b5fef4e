/**
 * Template banks for the phraser. Slots in braces are filled in two phases:
 *
 * Grammar and item facts (filled before the voice is applied, so voices can rework them):
 *   {it} object pronoun (it/them), {sub} subject (it/they), {It} (It/They), {itis} (it's/they're),
 *   {Itis}, {ithas} (it has/they have), {Ithas}, {itsp} possessive (its/their), {s} verb ending
 *   (works/work), {is} (is/are), {Is}, {was} (was/were), {has}, {does} (does/do), {Does}, {condIn} ("in good condition"),
 *   {condAdj} ("good"), {condShort} ("Good condition"), {age} ("3 years old"), {Age}.
 * Data (filled last, never touched by the voice): {them} counterpart's first name, {me} our name,
 *   {item} ("the Trek bike"), {Item} ("The Trek bike"), {flaw} and {flaws} (as the owner wrote
 *   them: a noun phrase or a clause, so templates set them off with a colon or brackets, never
 *   "the {flaw}"), and the prices {price} (ours), {prev} (our previous), {theirs}, {asking}, {retail}.
 * {why} marks where a justification goes; without one the justification follows the core sentence.
 *
 * No template contains a digit or a number word: the only numbers in a message are the prices
 * and the item's age.
 */

import type { MoveKind } from "./move.ts";
import type { Tone } from "./persona-style.ts";

export type Role = "seller" | "buyer";
export type ToneBanks = Partial<Record<Tone | "default", readonly string[]>>;
export type Mood = "greeting" | "neutral" | "positive" | "negative";

export const MOOD: Record<MoveKind, Mood> = {
  greet: "greeting",
  anchor: "neutral",
  counter: "neutral",
  concede: "neutral",
  "hold-firm": "neutral",
  accept: "positive",
  confirm: "positive",
  reject: "negative",
  "walk-away": "negative",
  question: "neutral",
  answer: "neutral",
  thanks: "positive",
};

/** Tones whose own bank replaces the default one when it has enough fitting templates. */
export const SELF_CONTAINED_TONES: ReadonlySet<Tone> = new Set<Tone>([
  "terse",
  "aggressive",
  "formal",
  "theatrical",
  "weary",
  "enthusiastic",
  "polite-firm",
]);

export const CORE: Record<MoveKind, Record<Role, ToneBanks>> = {
  greet: {
    seller: {
      default: [
        "Thanks for getting in touch about {item}! {Itis} still available and {condIn}. I'm asking {price}.",
        "Happy to talk about {item}. {Itis} {condIn}, and I'm looking for {price}.",
        "Yes, {item} {is} still available! I'm asking {price}, and {itis} {condIn}.",
        "Good to hear from you. {Item} {is} still up for grabs: {price} and {itis} yours.",
        "Thanks for your interest in {item}! {Itis} still available, so just ask if you have any questions.",
        "Yes, {item} {is} still available. What would you like to know?",
        "Glad you spotted {item}. {Itis} {condIn} and ready for a new home.",
      ],
      aggressive: [
        "{Item}, {condIn}, {price}. Serious buyers only.",
        "I'm asking {price} for {item}, and {itis} worth every cent.",
        "{Item} {is} {price}. {Itis} {condIn} and {sub} won't hang around long.",
        "{Item} {is} available. Make me a serious offer.",
        "Still available. I'm not giving {it} away, so bring a real offer.",
      ],
      "polite-firm": [
        "Thanks for your interest in {item}. I'm asking {price}, which I think is fair for {itsp} condition.",
        "Thank you for getting in touch. {Item} {is} available for {price}.",
        "Thanks for reaching out. {Item} {is} {condIn}, and the price is {price}.",
        "Thank you for your interest in {item}. {Itis} still available.",
        "Thanks for getting in touch. Yes, {item} {is} still for sale.",
      ],
      theatrical: [
        "Behold: {item}, {condIn} and ready for a new adventure! Yours for a mere {price}.",
        "Step right up! {Item} await{s} a worthy owner, and the price is but {price}.",
        "At last, someone with taste! {Item} can be yours for just {price}.",
        "Ah, a visitor! {Item} {is} still here, waiting for someone who truly appreciates {it}.",
        "Enter, stage left, our buyer! {Item} {is} still available, and {itis} a marvel.",
      ],
      weary: [
        "I've got {item} here, {condIn}. Asking {price}, if that suits.",
        "Well, {item} {is} still here. I'm asking {price} for {it}.",
        "{Item} {is} still available. Hoping to get {price} for {it}.",
        "{Item} {is} still around, if you want {it}.",
        "Yeah, {item} {is} still available. Been sitting in the corner a while now.",
      ],
      enthusiastic: [
        "So glad you're interested in {item}! {Itis} {condIn} and I'm asking just {price}!",
        "Yay, someone's interested in {item}! {Itis} {condIn}, and for {price} {itis} all yours!",
        "Thanks for reaching out! {Item} {is} a real gem, and {sub} can be yours for {price}!",
        "Yes!! {Item} {is} still available! Ask me anything!",
        "Oh, brilliant, thanks for asking about {item}! {Itis} still available and {condIn}!",
      ],
      terse: [
        "{Item}. {condShort}. {price}.",
        "{Item}: {price}.",
        "Available. {price}.",
        "Still available.",
        "{Item}. Available.",
      ],
      formal: [
        "Thank you for your enquiry regarding {item}. {Itis} {condIn}, and the asking price is {price}.",
        "I am pleased to confirm that {item} {is} still available, at {price}.",
        "Thank you for your interest. {Item} {is} available for {price}.",
        "Thank you for your enquiry regarding {item}. {Itis} still available, and I would be glad to answer any questions.",
        "I am pleased to confirm that {item} {is} still available.",
      ],
      "laid-back": [
        "Yep, {item} {is} still around. {price} and {itis} yours, no rush.",
        "{Item} {is} still here. Happy to chat whenever.",
      ],
      brisk: [
        "{Item} {is} available now: {price}, and I can hand {it} over today.",
        "{Item} {is} available. {price}. Ready whenever you are.",
        "{Item} {is} available now. When can you collect?",
      ],
    },
    buyer: {
      default: [
        "I'm interested in {item}. Would you take {price}?",
        "I saw your listing for {item}. {Is} {sub} still available? I could offer {price}.",
        "{Item} look{s} like just what I'm after. Would {price} work for you?",
        "I'd love to take {item} off your hands. How does {price} sound?",
        "{Is} {item} still available? I'm really interested.",
        "I saw your listing for {item} and I'm interested. {Is} {sub} still available?",
        "{Item} caught my eye. Could you tell me a bit more about {it}?",
      ],
      aggressive: [
        "I'll give you {price} for {item}. Cash, quick, no fuss.",
        "Saw {item}. {price}, and I can collect today.",
        "Let's not waste time: {price} for {item}.",
        "{price} for {item}. That's a solid opening offer for something second-hand.",
        "{Is} {item} still available? If the price is right I'll take {it} off your hands today.",
        "Interested in {item}. What's your real price?",
      ],
      "polite-firm": [
        "I'm interested in {item}. I'd like to offer {price}.",
        "Thank you for listing {item}. Would you consider {price}?",
        "I'm interested in {item} and would like to offer {price}.",
        "I'm interested in {item}. {Is} {sub} still available?",
        "Thank you for listing {item}. Could you tell me a little more about {itsp} condition?",
      ],
      theatrical: [
        "I have searched far and wide, and at last I have found {item}! Would you part with {it} for {price}?",
        "My heart leapt when I saw {item}. I humbly offer {price}.",
        "What luck! {Item}, at last! Would {price} win {it} for me?",
        "At last, {item}! Tell me {sub} {is} still available!",
        "Could it be? {Item}, still unclaimed? Pray tell me more!",
      ],
      weary: [
        "I'd be real glad to get {item}. Could you see your way to {price}?",
        "Been looking for something like {item} for a long while. Would {price} do?",
        "Saw your listing for {item}. Would {price} be alright?",
        "{Is} {item} still around? I've been hoping to find one like {it}.",
        "Saw {item}. {Is} {sub} still for sale?",
      ],
      enthusiastic: [
        "I love {item}! Would you take {price}?",
        "Oh wow, {item} {is} exactly what I've been looking for! Could you do {price}?",
        "I'd love {item}. How does {price} sound?",
        "I love {item}! {Is} {sub} still available?",
        "Oh, {item} look{s} amazing! {Is} {sub} still up for grabs?",
      ],
      terse: [
        "{price} for {item}?",
        "Offering {price} for {item}.",
        "{price}?",
        "Still available?",
        "Interested. Still available?",
      ],
      formal: [
        "I am writing regarding {item}. I would like to offer {price}, if that is acceptable.",
        "I am interested in purchasing {item} and would like to propose {price}.",
        "I would like to make an offer of {price} for {item}.",
        "I am writing to enquire whether {item} {is} still available.",
        "I am interested in purchasing {item}. Could you kindly confirm {sub} {is} still available?",
      ],
      "laid-back": [
        "{Is} {item} still around? Would you be up for {price}?",
        "Digging {item}. Any chance you'd do {price}?",
        "Hey, {is} {item} still going? No rush.",
      ],
      brisk: [
        "Interested in {item}. {price}, and I can collect today.",
        "{price} for {item}? I can pick {it} up today.",
        "{Is} {item} still available? I can collect today.",
      ],
    },
  },

  anchor: {
    seller: {
      default: [
        "I'm asking {price} for {it}.",
        "I'd like to get {price} for {item}.",
        "I'm looking for {price}.",
        "I think {price} is fair for {item}.",
        "{price} and {itis} yours.",
        "I've priced {it} at {price}.",
        "I'm open to reasonable offers.",
        "Make me an offer and we'll go from there.",
      ],
      aggressive: [
        "{price}. {Itis} worth every penny.",
        "It's {price}, and that's already a good deal.",
        "{price}, and I'm in no hurry to drop it.",
        "{price}. You won't find a better one.",
      ],
      "polite-firm": [
        "My price is {price}, which I think is fair for {itsp} condition.",
        "I'm asking {price}, and I'd like to stay close to that.",
        "I've priced {it} at {price}.",
      ],
      theatrical: [
        "A treasure such as this, for only {price}? A steal, I tell you!",
        "For {item}, a mere {price}. The bargain of the century!",
        "I could ask a king's ransom, but I ask only {price}.",
        "The price, dear friend, is {price}. A trifle!",
      ],
      weary: [
        "I was hoping to get {price} for {it}.",
        "{price} seems about right to me.",
        "I'd like {price} for {it}, if that's alright.",
        "Thinking {price} for {it}. Seems fair enough.",
      ],
      enthusiastic: [
        "I'm asking {price}, which is honestly a great deal!",
        "Just {price}!",
        "Only {price} and {itis} all yours!",
        "{price}! Such a good price for {item}!",
      ],
      terse: ["{price}.", "Asking {price}.", "{price}. {condShort}."],
      formal: [
        "The asking price is {price}.",
        "I would be prepared to sell {item} for {price}.",
        "My price for {item} is {price}.",
      ],
      brisk: ["{price}, and {itis} yours today.", "{price}. Can hand {it} over today."],
      "laid-back": ["Thinking {price}, but no pressure.", "{price} feels about right to me."],
    },
    buyer: {
      default: [
        "I'd like to offer {price}.",
        "Would you take {price} for {it}?",
        "How about {price}?",
        "I can offer {price} for {item}.",
        "{price} is what I had in mind.",
        "Would you consider {price}?",
        "Is there any flexibility on the price?",
        "Is the price negotiable at all?",
      ],
      aggressive: [
        "I'll give you {price}. Cash.",
        "{price}, and that's generous for a used one.",
        "Let's be realistic: {price}.",
        "{price}. Take it while I'm still interested.",
      ],
      "polite-firm": [
        "I'd like to offer {price}.",
        "My offer is {price}; I think that's fair.",
        "I can offer {price} for {item}.",
      ],
      theatrical: [
        "I offer {price}, and my undying gratitude!",
        "Would you consider {price}? I promise {it} will be cherished.",
        "Here is my opening gambit: {price}!",
        "Let the bidding begin! I offer {price}.",
      ],
      weary: [
        "I was thinking {price}, if that's fair.",
        "Would {price} be okay? I'd sure appreciate it.",
        "Could you do {price}? It'd help me out.",
        "How would {price} sit with you?",
      ],
      enthusiastic: [
        "Would you take {price}? I'd be thrilled!",
        "How about {price}? I'm so excited about {it}!",
        "I'd love to offer {price}!",
        "{price}? Pretty please?",
      ],
      terse: ["{price}?", "Offer: {price}.", "{price} for {it}."],
      formal: [
        "I would like to offer {price} for {item}.",
        "May I propose {price}?",
        "I am prepared to offer {price}.",
      ],
      brisk: ["{price}, and I can collect today.", "{price}? I can pick {it} up straight away."],
      "laid-back": ["Would {price} work? No pressure.", "How's {price} sound?"],
    },
  },

  counter: {
    seller: {
      default: [
        "Thanks for the offer, but {theirs} is a bit low for me. {why}Could you do {price}?",
        "I appreciate the offer! I can't quite do {theirs}, but I could do {price}.",
        "{theirs} is a little lower than I was hoping for. {why}How about {price}?",
        "I hear you, but {theirs} doesn't quite work for me. {why}I could meet you at {price}.",
        "How about {price}?",
        "I could let {it} go for {price}.",
        "Would {price} work for you?",
        "Let's say {price}?",
        "I can't do {theirs}, I'm afraid. Could you come up a bit?",
        "Could you come up a little?",
      ],
      aggressive: [
        "{theirs}? Not a chance. {why}{price}.",
        "No way at {theirs}. {price}, and I'm being generous.",
        "{theirs} is a lowball. {why}I'm at {price}.",
        "{price}. {why}Take it or leave it.",
        "Not at {theirs}. {price}.",
        "Come on, that's a lowball. Bring a real number.",
      ],
      "polite-firm": [
        "Thank you for the offer. I can't accept {theirs}, but I can do {price}.",
        "I appreciate it, but {theirs} is too low. {why}I could do {price}.",
        "I'd be willing to do {price}, but not {theirs}.",
        "Thank you, but I'd be looking for {price}.",
        "I appreciate the offer, but I can't accept {theirs}.",
      ],
      theatrical: [
        "{theirs}?! You wound me! {why}For you, {price}.",
        "Alas, {theirs} would break my heart. {why}Let us say {price}.",
        "Such a modest sum for such a treasure! {why}I counter with {price}.",
        "A valiant attempt! But no. {why}{price}, and we have a show.",
        "{theirs}? The very thought makes me swoon!",
      ],
      weary: [
        "I hear you, but {theirs} is a bit low. {why}Could you maybe do {price}?",
        "Can't really do {theirs}. {why}How about {price}?",
        "I was hoping for a bit more than {theirs}. {why}Maybe {price}?",
        "Could you manage {price}?",
        "{theirs} is a little low, friend.",
      ],
      enthusiastic: [
        "Thanks so much for the offer! I can't quite do {theirs}, but how about {price}?",
        "Love the enthusiasm! {theirs} is a little low, though. Could you do {price}?",
        "Ooh, thanks for the offer! {why}Could we say {price}?",
        "How about {price}? I think that's a super fair price!",
        "Thanks for the offer! {theirs} is a touch low for me, though!",
      ],
      terse: [
        "{price}.",
        "Can't do {theirs}. {price}.",
        "{price}, not {theirs}.",
        "No. {price}.",
        "Counter: {price}.",
        "Too low.",
        "Not {theirs}.",
      ],
      formal: [
        "Thank you for your offer of {theirs}. Unfortunately I cannot accept it; I would, however, accept {price}.",
        "I appreciate your offer of {theirs}. {why}I propose {price}.",
        "Regrettably, {theirs} is below what I had in mind. {why}Would {price} be agreeable?",
        "Thank you for your offer. Would {price} be acceptable to you?",
        "Thank you for your offer of {theirs}. Regrettably, I cannot accept it.",
      ],
      "laid-back": [
        "No worries. Could you do {price} instead?",
        "Hmm, {theirs} is a bit low. How about {price}? No pressure.",
        "Meet me at {price}?",
      ],
      brisk: [
        "Can't do {theirs}. {price} and {itis} yours today.",
        "{price} and we can wrap this up.",
        "{price}, and I'll hand {it} over today.",
      ],
    },
    buyer: {
      default: [
        "Thanks! {theirs} is a bit more than I'd like to spend. {why}Would you take {price}?",
        "I appreciate that, but {theirs} is a stretch for me. {why}How about {price}?",
        "Could you do {price} instead?",
        "{theirs} is a little high for me. {why}I could do {price}.",
        "How does {price} sound?",
        "I'd be happy at {price}.",
        "What about {price}?",
        "{theirs} is a bit high for me. Any wiggle room?",
        "Is there any room to move on the price?",
      ],
      aggressive: [
        "{theirs} for a used one? Come on. {why}{price}.",
        "That's way too high. {why}{price}, cash.",
        "{theirs} is dreaming. I'll do {price}.",
        "Nope. {price}. {why}",
        "{theirs}? Not a chance. Sharpen your pencil.",
      ],
      "polite-firm": [
        "Thank you, but {theirs} is more than I'd like to pay. {why}I can offer {price}.",
        "I appreciate the reply. I'd be comfortable at {price}.",
        "I understand, but I'd like to stay around {price}.",
        "Thanks, but I can't agree to {theirs}. I can offer {price}.",
        "Thank you, but {theirs} is more than I'd like to pay.",
      ],
      theatrical: [
        "{theirs}? My purse weeps at the thought! {why}Might I propose {price}?",
        "A fine price for a king, perhaps, but I am a humble soul. {why}Would you take {price}?",
        "Oh, {theirs} is a dagger to my heart! {why}Would you accept {price}?",
        "Let us dance this dance! I counter with {price}.",
        "{theirs}? Surely you jest!",
      ],
      weary: [
        "{theirs} is a touch steep for me. {why}Would you do {price}?",
        "Times being what they are, I was hoping for something nearer {price}.",
        "I'd sure be grateful if you'd take {price}.",
        "Could you see your way to {price}?",
        "{theirs} is a touch steep, friend.",
      ],
      enthusiastic: [
        "Thanks for getting back to me! Could you do {price}? I'd be over the moon!",
        "Ahh, {theirs} is a bit much for me. Would {price} work?",
        "I really want {it}! Would you take {price}?",
        "How about {price}? That would make my week!",
        "Ahh, {theirs} is a bit much for me! Any wiggle room?",
      ],
      terse: [
        "{price}.",
        "Too high. {price}?",
        "{price}, not {theirs}.",
        "Can do {price}.",
        "Counter: {price}.",
        "Too high.",
        "Not {theirs}.",
      ],
      formal: [
        "Thank you for your reply. {why}I would like to propose {price}.",
        "I appreciate your position. Would you consider {price}?",
        "{theirs} is rather more than I had in mind. {why}May I suggest {price}?",
        "Thank you. I am able to offer {price}.",
        "{theirs} is rather more than I had in mind. Is there any flexibility?",
      ],
      "laid-back": [
        "Any chance you'd do {price}? No stress if not.",
        "Hmm, how about {price}? Totally cool if not.",
        "Would you be up for {price}?",
      ],
      brisk: [
        "{price} and I can collect today.",
        "Can't do {theirs}. {price}, and we're done today.",
        "{price}? I'm ready to go now.",
      ],
    },
  },

  concede: {
    seller: {
      default: [
        "Alright, I can come down to {price}.",
        "Tell you what: I'll drop to {price}.",
        "I was at {prev}, but I can do {price} for you.",
        "Okay, I'll move a bit: {price}.",
        "For you, {price}.",
        "I can go down to {price}, since you've been great to deal with.",
        "Fine, {price}. That's a good deal for {item}.",
        "I can come down a little. What works for you?",
      ],
      aggressive: [
        "Fine. {price}. That's a steal.",
        "Alright, {price}. Don't push it.",
        "{price}, and you're getting a bargain.",
        "{price}. Don't expect that twice.",
      ],
      "polite-firm": [
        "I can come down to {price}, but I'd like to settle there.",
        "Having thought about it, I can do {price}.",
        "I'm willing to move to {price}.",
        "I was at {prev}; I can come down to {price}.",
      ],
      theatrical: [
        "You drive a hard bargain! Very well: {price}, and may {it} bring you joy.",
        "Oh, the sacrifices I make! Let it be {price}.",
        "My head says no, but my heart says {price}!",
        "From {prev} I descend, trembling, to {price}!",
      ],
      weary: [
        "Alright, I can let {it} go for {price}.",
        "Guess I could do {price}.",
        "Okay, {price}. I just want {it} to go to a good home.",
        "I was at {prev}, but {price} is fine, I suppose.",
      ],
      enthusiastic: [
        "Okay, you've twisted my arm: {price}!",
        "Let's do {price}! Can't say fairer than that!",
        "For you? {price}!",
        "Alright, down to {price}! Woo!",
      ],
      terse: ["{price}.", "Can do {price}.", "Down to {price}."],
      formal: [
        "I am prepared to reduce my price to {price}.",
        "In the interest of reaching an agreement, I can offer {price}.",
        "I would be willing to accept {price}.",
        "I am prepared to reduce my price from {prev} to {price}.",
      ],
      "laid-back": ["Eh, let's say {price}.", "Sure, I can do {price}. No biggie."],
      brisk: ["{price}, if we can settle today.", "Fine, {price}. Let's get it done."],
    },
    buyer: {
      default: [
        "Okay, I can come up to {price}.",
        "I'll go up to {price}.",
        "I was at {prev}, but I can stretch to {price}.",
        "Alright, how about {price}?",
        "I can do {price}. Does that work?",
        "Let me meet you partway: {price}.",
        "I can come up a little. What would work for you?",
      ],
      aggressive: [
        "Fine, {price}. That's me being generous.",
        "{price}. Don't make me regret it.",
        "Alright, {price}, and that's plenty.",
        "{price}. Take it before I change my mind.",
      ],
      "polite-firm": [
        "I can increase my offer to {price}.",
        "After some thought, I can offer {price}.",
        "I'm willing to go to {price}.",
        "I was at {prev}; I can come up to {price}.",
      ],
      theatrical: [
        "Very well! I shall rise to {price}.",
        "For love of {item}, I raise my offer to {price}!",
        "You have persuaded me: {price}!",
        "From {prev}, I leap boldly to {price}!",
      ],
      weary: [
        "I could come up to {price}, I suppose.",
        "Alright, {price}. I'd be real glad to have {it}.",
        "Okay, I'll go to {price}.",
        "I was at {prev}, but I can do {price}.",
      ],
      enthusiastic: [
        "Okay okay, {price}!",
        "Let's do {price}! I'd love to have {it}!",
        "Happy to go to {price}!",
        "{price}! I really want {it}!",
      ],
      terse: ["{price}.", "Up to {price}.", "Can do {price}."],
      formal: [
        "I am prepared to increase my offer to {price}.",
        "In the interest of reaching an agreement, I can offer {price}.",
        "I would be willing to pay {price}.",
        "I am prepared to increase my offer from {prev} to {price}.",
      ],
      "laid-back": ["Sure, let's say {price}.", "I can bump it to {price}, no worries."],
      brisk: ["{price}, and I'll collect today.", "Fine, {price}. Let's get it done."],
    },
  },

  "hold-firm": {
    seller: {
      default: [
        "I'm going to stay at {price}.",
        "I'd rather stick with {price}.",
        "Sorry, {price} is still my best price.",
        "I think {price} is already a fair price, so I'll stay there.",
        "{price} still stands.",
        "I hear you, but I'm sticking at {price}.",
        "{theirs} doesn't work for me, so I'm staying at {price}.",
      ],
      aggressive: [
        "{price}. Not moving.",
        "Still {price}. Take it or leave it.",
        "I said {price}, and I meant it.",
        "{price}. Keep trying if you like, the answer's the same.",
      ],
      "polite-firm": [
        "I appreciate the offer, but I'll stay at {price}.",
        "I understand, but {price} is my price.",
        "Thanks for understanding: I'm staying at {price}.",
        "I'd like to keep it at {price}, thank you.",
      ],
      theatrical: [
        "I cannot! I will not! {price} it remains!",
        "Alas, my price stands firm as a mountain: {price}.",
        "I stand my ground: {price}!",
        "Not for all the tea in China would I budge from {price}!",
      ],
      weary: [
        "I'd really like to stay at {price}.",
        "Sorry, friend, I'll have to stay at {price}.",
        "{price} is still where I'm at.",
        "I'll hold at {price}, if it's all the same.",
      ],
      enthusiastic: [
        "I'm going to stick with {price}, which is already a great deal!",
        "Still {price}! Honestly a bargain!",
        "I'd love to stay at {price}!",
        "{price} is still my price, and I promise it's worth it!",
      ],
      terse: ["{price}. Firm.", "Still {price}.", "{price}."],
      formal: [
        "I must respectfully maintain my price of {price}.",
        "My price remains {price}.",
        "I am afraid I must remain at {price}.",
      ],
      "laid-back": ["Gonna stay at {price}, if that's cool.", "Still {price} on my end."],
      brisk: ["Still {price}. Can hand {it} over today.", "{price}, ready when you are."],
    },
    buyer: {
      default: [
        "I'm going to stay at {price}.",
        "{price} is still my best offer.",
        "I'll stick with {price}, if that's okay.",
        "I'd like to stay at {price}.",
        "My offer of {price} still stands.",
        "{theirs} is more than I'd like to spend. My offer is still {price}.",
      ],
      aggressive: [
        "{price}. That's it.",
        "Still {price}. Take it or leave it.",
        "{price}. I'm not budging.",
        "I said {price}. Nothing's changed.",
      ],
      "polite-firm": [
        "I appreciate that, but I'll stay at {price}.",
        "I understand your position, but my offer remains {price}.",
        "I'd like to keep my offer at {price}.",
        "Thank you, but I'll stay at {price}.",
      ],
      theatrical: [
        "My offer stands, steadfast and true: {price}!",
        "Like the northern star, I remain fixed at {price}.",
        "Alas, I must hold at {price}.",
        "{price}, I say, and {price} it shall stay!",
      ],
      weary: [
        "I'll have to stay at {price}, I'm afraid.",
        "Still {price} from me, friend.",
        "I'd sure like to stay at {price}.",
        "Gonna have to stick at {price}.",
      ],
      enthusiastic: [
        "I'd love to stick with {price}!",
        "Still {price} from me. Hope that works!",
        "{price} is still my offer! Hope that's okay!",
        "Still hoping for {price}!",
      ],
      terse: ["{price}. Firm.", "Still {price}.", "{price}."],
      formal: [
        "I must respectfully maintain my offer of {price}.",
        "My offer remains {price}.",
        "I am afraid I must remain at {price}.",
      ],
      "laid-back": ["Gonna stick at {price}, if that's cool.", "Still {price} from me, no stress."],
      brisk: ["Still {price}. I can collect today.", "{price}, and I'm ready now."],
    },
  },

  accept: {
    seller: {
      default: [
        "Deal! {price} it is.",
        "{price} works for me. Deal!",
        "You've got yourself a deal at {price}.",
        "Sounds good, {price} it is.",
        "Happy to accept {price}. {Item} {is} yours!",
        "Alright, {price}. Let's do it.",
        "Deal!",
      ],
      aggressive: ["Fine. {price}. Done.", "{price}. Deal.", "Done at {price}.", "Fine. Done."],
      "polite-firm": [
        "Thank you, {price} is acceptable. Deal.",
        "That works for me. {price} it is.",
        "I'm happy to accept {price}.",
        "Thank you, that's acceptable.",
      ],
      theatrical: [
        "Huzzah! {price} it is, a deal for the ages!",
        "Bravo! At {price}, {item} {is} yours!",
        "Let the trumpets sound: {price}, and we have a deal!",
        "Huzzah! A deal!",
      ],
      weary: [
        "Alright, {price}. Deal.",
        "{price} it is. Thank you kindly.",
        "Okay. {price} works. I'm glad {itis} going to a good home.",
        "Alright. Deal.",
      ],
      enthusiastic: [
        "Yay! {price} it is. Deal!",
        "Deal!! {price}, so happy!",
        "Woohoo, {price} works! Deal!",
        "Deal!!",
      ],
      terse: ["Deal. {price}.", "{price}. Deal.", "Done, {price}.", "Deal."],
      formal: [
        "I am pleased to accept {price}.",
        "{price} is acceptable. I accept.",
        "I accept your offer of {price}.",
        "I am pleased to accept.",
      ],
      "laid-back": ["Sweet, {price} works.", "Cool, {price} it is."],
      brisk: ["Deal at {price}. Ready when you are.", "{price}, done. When can you collect?"],
    },
    buyer: {
      default: [
        "Deal! {price} it is.",
        "{price} works for me. Deal!",
        "Great, I'll take {it} for {price}.",
        "You've got a deal at {price}.",
        "Sounds good, {price} it is!",
        "Deal!",
        "Sounds good. Deal!",
      ],
      aggressive: [
        "{price}. Done.",
        "Deal at {price}. Pleasure doing business.",
        "Fine, {price}.",
        "Fine. Done.",
      ],
      "polite-firm": [
        "Thank you, {price} works for me. Deal.",
        "That's acceptable. {price} it is.",
        "I'm happy to accept {price}.",
        "Thank you, that works for me.",
      ],
      theatrical: [
        "Huzzah! {price} it is!",
        "A deal! {price}, and my heart sings!",
        "Let it be written: {price}, and {item} {is} mine!",
        "Huzzah! We have a deal!",
      ],
      weary: [
        "{price}? Deal. You've made my day.",
        "That's kind of you. {price} it is.",
        "Deal at {price}. You don't know how much this means.",
        "Deal. Thank you kindly.",
      ],
      enthusiastic: [
        "Yes!! {price}, deal!",
        "Amazing, {price} it is!",
        "Deal! {price}, and I'm so excited!",
        "Yes!! Deal!",
      ],
      terse: ["Deal. {price}.", "{price}. Deal.", "Done, {price}.", "Deal."],
      formal: [
        "I am pleased to accept {price}.",
        "I accept your price of {price}.",
        "{price} is acceptable. I accept.",
        "I am pleased to accept.",
      ],
      "laid-back": ["Sweet, {price} works.", "Cool, {price} it is."],
      brisk: ["Deal at {price}. When can I collect?", "{price}, done. I can pick {it} up today."],
    },
  },

  confirm: {
    seller: {
      default: [
        "Confirmed: {item} for {price}.",
        "Great, that's confirmed at {price}!",
        "Perfect, confirmed. {price} it is.",
        "All confirmed at {price}. Thanks, {them}!",
        "Confirmed! Thanks, {them}.",
        "That's confirmed. Pleasure doing business!",
      ],
      aggressive: ["Confirmed. {price}.", "{price}, confirmed.", "Confirmed."],
      "polite-firm": [
        "Confirmed at {price}. Thank you.",
        "Thank you, that's confirmed at {price}.",
        "Confirmed. Thank you.",
      ],
      theatrical: [
        "It is done! {Item} for {price}, sealed and sung!",
        "Confirmed! {price}, and the curtain falls on a happy ending!",
        "Confirmed! Let the bards sing of this day!",
      ],
      weary: [
        "Confirmed, {price}. Thank you kindly.",
        "That's confirmed at {price}. Appreciate it.",
        "Confirmed. Thanks.",
      ],
      enthusiastic: ["Confirmed!! {price}, yay!", "All confirmed at {price}! So happy!", "Confirmed! Yay!"],
      terse: ["Confirmed. {price}.", "{price}. Confirmed.", "Confirmed."],
      formal: [
        "I hereby confirm the sale of {item} for {price}.",
        "I am pleased to confirm the sale at {price}.",
        "I am pleased to confirm the sale.",
      ],
    },
    buyer: {
      default: [
        "Confirmed: {item} for {price}. Thank you!",
        "Great, confirmed at {price}.",
        "Perfect, {price} confirmed!",
        "All confirmed at {price}. Thanks, {them}!",
        "Confirmed! Thanks, {them}.",
        "That's confirmed. Thanks so much!",
      ],
      aggressive: ["Confirmed. {price}.", "{price}, confirmed.", "Confirmed."],
      "polite-firm": [
        "Confirmed at {price}. Thank you.",
        "Thank you, that's confirmed at {price}.",
        "Confirmed. Thank you.",
      ],
      theatrical: [
        "It is done! {Item} for {price}, and my joy knows no bounds!",
        "Confirmed! {price}, and a happy ending for all!",
        "Confirmed! What a glorious day!",
      ],
      weary: [
        "Confirmed, {price}. Thank you kindly.",
        "That's confirmed at {price}. You've made my day.",
        "Confirmed. Thanks.",
      ],
      enthusiastic: ["Confirmed!! {price}, yay!", "All confirmed at {price}! Can't wait!", "Confirmed! Yay!"],
      terse: ["Confirmed. {price}.", "{price}. Confirmed.", "Confirmed."],
      formal: [
        "I confirm the purchase of {item} for {price}.",
        "I am pleased to confirm the purchase at {price}.",
        "I am pleased to confirm the purchase.",
      ],
    },
  },

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
};

/** A sentence carrying the price when the chosen template could not. */
export const PRICE_FALLBACK: Record<Role, readonly string[]> = {
  seller: ["My price is {price}.", "I'm at {price}.", "{price} from me."],
  buyer: ["My offer is {price}.", "I'm at {price}.", "{price} from me."],
};
export const PRICE_FALLBACK_BY_KIND: Partial<Record<MoveKind, readonly string[]>> = {
  "walk-away": ["If you change your mind, {price} still stands.", "My {price} stands if you reconsider."],
  reject: ["I'm still at {price}.", "{price} still stands."],
  question: ["Would {price} work for you?", "Could we do {price}?"],
  answer: ["And {price} still stands.", "I'm still at {price}."],
  thanks: ["Thanks again for {price}.", "{price} it is."],
};

/** Opening lines, by tone. `\n` at the end keeps the opener on its own line. */
export const OPENERS: Record<Tone, readonly string[]> = {
  friendly: ["Hi {them}!", "Hi {them},", "Hello {them}!", "Hey {them}!"],
  "polite-firm": ["Hi {them},", "Hello {them},", "Good day, {them}."],
  aggressive: ["Alright, {them}.", "Listen, {them}.", "Hey {them}."],
  theatrical: ["Ah, {them}!", "Greetings, {them}!", "Well met, {them}!", "Hark, {them}!"],
  weary: ["Hey there, {them}.", "Well, hello {them}.", "Howdy do, {them}."],
  enthusiastic: ["Hi {them}!!", "Hello there, {them}!", "Hey {them}!"],
  terse: [""],
  formal: ["Dear {them},\n", "Good day, {them}.", "Dear {them},\n"],
  chatty: ["Hi {them}!", "Oh hello {them}!", "Hi there, {them}!"],
  brisk: ["Hi {them}.", "Hi {them},", "{them}, hi."],
  "laid-back": ["Hey {them},", "Hey there {them}!", "Hey {them}!"],
};

/** Ways to address the counterpart mid-thread, by tone; the next sentence continues after the comma. */
export const ADDRESS: Record<Tone, readonly string[]> = {
  friendly: ["{them},"],
  "polite-firm": ["{them},"],
  aggressive: [],
  theatrical: ["Ah, {them}!", "Oh, {them}!"],
  weary: ["Well, {them},", "{them},"],
  enthusiastic: ["Oh, {them},", "{them},"],
  terse: [],
  formal: [],
  chatty: ["Oh, {them},", "{them},"],
  brisk: ["{them},"],
  "laid-back": ["{them},", "Hey {them},"],
};

/** Sign-offs, by tone and mood; "" means none. */
export const CLOSERS: Record<Tone, Record<Mood, readonly string[]>> = {
  friendly: {
    greeting: ["Looking forward to hearing from you!", "Let me know!"],
    neutral: ["Let me know what you think.", "Hope that works for you!", "What do you say?"],
    positive: ["Thanks!", "Looking forward to it.", "Thanks so much!"],
    negative: ["Thanks anyway!", "No hard feelings."],
  },
  "polite-firm": {
    greeting: ["Thank you.", "Best regards."],
    neutral: ["I hope you understand.", "Thanks for understanding.", "Thank you."],
    positive: ["Thank you.", "Much appreciated."],
    negative: ["Thank you for your time.", "Thank you for understanding."],
  },
  aggressive: {
    greeting: ["Let's keep this quick.", ""],
    neutral: ["Your move.", "Think fast.", ""],
    positive: ["", "Pleasure."],
    negative: ["", "Your loss."],
  },
  theatrical: {
    greeting: ["The stage is yours!", "What say you?"],
    neutral: ["What say you?", "I await your reply with bated breath!", "The stage is yours!"],
    positive: ["Bravo!", "A triumph!", "Encore!"],
    negative: ["Alas!", "Exit, pursued by regret.", "Such is the tragedy of commerce."],
  },
  weary: {
    greeting: ["No pressure.", "Let me know, I guess."],
    neutral: ["Let me know, I guess.", "No pressure.", "Whatever you think is fair."],
    positive: ["Appreciate it, truly.", "That means a lot.", "Thank you kindly."],
    negative: ["Ah well. Such is life.", "Take care of yourself.", "Such is life."],
  },
  enthusiastic: {
    greeting: ["Can't wait to hear from you!", "Let me know!!"],
    neutral: ["Let me know!!", "Can't wait to hear back!", "Fingers crossed!"],
    positive: ["Woohoo!", "So excited!", "This made my day!"],
    negative: ["No worries at all!", "Best of luck!"],
  },
  terse: {
    greeting: [""],
    neutral: [""],
    positive: [""],
    negative: [""],
  },
  formal: {
    greeting: ["Kind regards,\n{me}", "I look forward to your reply."],
    neutral: ["I look forward to your reply.", "Kind regards,\n{me}", "Yours sincerely,\n{me}"],
    positive: ["With thanks,\n{me}", "Kind regards,\n{me}"],
    negative: ["Regards,\n{me}", "With best wishes,\n{me}"],
  },
  chatty: {
    greeting: ["Anyway, let me know what you think!", "Anyway, I'm rambling. Let me know!"],
    neutral: [
      "Anyway, I'm rambling. Let me know what you think!",
      "Anyway, have a think!",
      "Let me know what you think!",
    ],
    positive: ["This has been lovely, honestly.", "What a nice chat this has been!"],
    negative: ["Anyway, it was lovely chatting!", "Thanks for the chat, all the same!"],
  },
  brisk: {
    greeting: ["Let me know.", ""],
    neutral: ["Let me know.", ""],
    positive: ["", "Cheers."],
    negative: ["Thanks anyway.", ""],
  },
  "laid-back": {
    greeting: ["No rush.", "Take your time."],
    neutral: ["No rush, have a think.", "No pressure either way."],
    positive: ["Sweet.", "Nice one."],
    negative: ["All good, take it easy.", "No worries."],
  },
};

/** Stories for chatty storytellers. */
export const ANECDOTES: Record<Role, readonly string[]> = {
  seller: [
    "Funny story: I bought {it} on a whim and never used {it} as much as I meant to.",
    "{Ithas} been with me through a few house moves, so there's a bit of history there.",
    "My partner says the spare room has to be cleared out, so {item} need{s} a new home.",
    "I've got a soft spot for {it}, honestly. Lots of good memories.",
    "My neighbour always admired {it}, actually, so I know {itis} a good one.",
  ],
  buyer: [
    "My niece has been asking for one of these for ages.",
    "I've been hunting for one of these since spring.",
    "I had one just like {it} years ago and I've missed {it} ever since.",
    "My neighbour has one and I've been quietly jealous for months.",
    "It'd be a surprise for my partner, so fingers crossed!",
  ],
};

export const DELIVERY: Record<Role, { talk: readonly string[]; deal: readonly string[] }> = {
  seller: {
    talk: [
      "And since we're getting on so well, I'm happy to deliver {it} for free!",
      "I can throw in free delivery, too.",
      "Free delivery included, of course!",
      "I'll even drop {it} round to you for free.",
    ],
    deal: [
      "I'll deliver {it} to you for free. Just send me your address.",
      "Delivery's on me, of course!",
      "And I'll bring {it} round to you, free delivery.",
    ],
  },
  buyer: {
    talk: ["I'm happy to come and collect, so no hassle for you.", "I can come to you to collect {it}."],
    deal: ["I'll come and collect, so no hassle for you.", "I'll come to you to pick {it} up."],
  },
};

export const CLOSE_FAST: Record<Role, readonly string[]> = {
  seller: [
    "I can have {it} ready today.",
    "Happy to do the handover today if that suits.",
    "{Itis} ready to go right now.",
  ],
  buyer: [
    "I can pick {it} up today.",
    "I can collect today if that helps.",
    "I'm ready to collect straight away.",
  ],
};

export const CASH: readonly string[] = [
  "Cash in hand, of course.",
  "I'll bring cash.",
  "Cash on collection.",
];

export const COMPLIMENTS: Record<Role, readonly string[]> = {
  seller: ["You've got good taste, by the way.", "I can tell you'd look after {it}."],
  buyer: ["{It} look{s} lovely, by the way.", "Lovely listing, by the way."],
};

export const NEARLY_THERE: readonly string[] = [
  "We're nearly there!",
  "We're not far apart now.",
  "So close now.",
];

import type { Role, ToneBanks } from "../banks.ts";
import type { MoveKind } from "../move.ts";

/** The core sentences for hold-firm, accept and confirm: holding a price and closing a deal, by role and tone. */
export const CLOSING = {
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
} satisfies Partial<Record<MoveKind, Record<Role, ToneBanks>>>;

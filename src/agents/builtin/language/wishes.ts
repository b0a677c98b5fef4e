/**
 * An owner's structured wishes in the built-in agent's words: the facts to mention about an item (in
 * the first message about it, and whenever the other side asks), the pick-up terms (when a deal is
 * agreed or confirmed), the language to write in, and a style that asks questions. Wraps a phraser;
 * with no wishes set it is the phraser itself, so markets without wishes read exactly as before.
 */
import type { Mandate, Wishes } from "../../../domain/mandate.ts";
import { formatMoney } from "../../../domain/money.ts";
import type { Phraser } from "../words.ts";
import type { Move, MoveKind } from "./move.ts";

export type WishLanguage = NonNullable<Wishes["tone"]["language"]>;
type Foreign = Exclude<WishLanguage, "en">;

/** One line per move, with a price and without. `{price}`, `{title}` are filled in. */
interface Line {
  priced: string;
  unpriced: string;
}
type Bank = Record<MoveKind, Record<"seller" | "buyer", Line>>;

const same = (line: Line): Record<"seller" | "buyer", Line> => ({ seller: line, buyer: line });

const FRENCH: Bank = {
  greet: {
    seller: { priced: "Bonjour ! Je vends {title} à {price}.", unpriced: "Bonjour ! Je vends {title}." },
    buyer: {
      priced: "Bonjour ! {title} m'intéresse. Je vous propose {price}.",
      unpriced: "Bonjour ! {title} m'intéresse. Voici mon offre.",
    },
  },
  anchor: {
    seller: { priced: "Mon prix pour {title} est de {price}.", unpriced: "Voici mon prix pour {title}." },
    buyer: { priced: "Je vous propose {price} pour {title}.", unpriced: "Voici mon offre pour {title}." },
  },
  counter: {
    seller: { priced: "Je peux vous le laisser à {price}.", unpriced: "Voici ma contre-proposition." },
    buyer: { priced: "Je vous propose {price}.", unpriced: "Voici ma contre-proposition." },
  },
  concede: {
    seller: { priced: "Bon, je fais un effort : {price}.", unpriced: "Bon, je fais un effort." },
    buyer: { priced: "D'accord, je monte à {price}.", unpriced: "D'accord, je fais un effort." },
  },
  "hold-firm": same({ priced: "Je reste à {price}, c'est mon prix.", unpriced: "Je reste sur mon prix." }),
  accept: same({ priced: "D'accord pour {price}, marché conclu !", unpriced: "D'accord, marché conclu !" }),
  confirm: {
    seller: { priced: "Je confirme la vente à {price}. Merci !", unpriced: "Je confirme la vente. Merci !" },
    buyer: { priced: "Je confirme l'achat à {price}. Merci !", unpriced: "Je confirme l'achat. Merci !" },
  },
  reject: same({
    priced: "Désolé, {price} ne me convient pas.",
    unpriced: "Désolé, ce prix ne me convient pas.",
  }),
  "walk-away": same({
    priced: "Je préfère en rester là. Merci et bonne journée.",
    unpriced: "Je préfère en rester là. Merci et bonne journée.",
  }),
  question: {
    seller: {
      priced: "Qu'est-ce qui vous intéresse dans {title} ?",
      unpriced: "Qu'est-ce qui vous intéresse dans {title} ?",
    },
    buyer: {
      priced: "Pouvez-vous m'en dire plus sur {title} ?",
      unpriced: "Pouvez-vous m'en dire plus sur {title} ?",
    },
  },
  answer: same({ priced: "Bien sûr. Mon prix reste {price}.", unpriced: "Bien sûr, avec plaisir." }),
  thanks: same({
    priced: "Merci beaucoup, à bientôt pour la remise en main propre !",
    unpriced: "Merci beaucoup, à bientôt pour la remise en main propre !",
  }),
};

const SPANISH: Bank = {
  greet: {
    seller: { priced: "¡Hola! Vendo {title} por {price}.", unpriced: "¡Hola! Vendo {title}." },
    buyer: {
      priced: "¡Hola! Me interesa {title}. Le ofrezco {price}.",
      unpriced: "¡Hola! Me interesa {title}. Aquí tiene mi oferta.",
    },
  },
  anchor: same({
    priced: "Mi precio por {title} es {price}.",
    unpriced: "Aquí tiene mi precio por {title}.",
  }),
  counter: same({ priced: "Le propongo {price}.", unpriced: "Aquí tiene mi contraoferta." }),
  concede: same({ priced: "Vale, hago un esfuerzo: {price}.", unpriced: "Vale, hago un esfuerzo." }),
  "hold-firm": same({ priced: "Me quedo en {price}, es mi precio.", unpriced: "Me quedo con mi precio." }),
  accept: same({ priced: "De acuerdo, {price}. ¡Trato hecho!", unpriced: "De acuerdo. ¡Trato hecho!" }),
  confirm: same({
    priced: "Confirmo el trato por {price}. ¡Gracias!",
    unpriced: "Confirmo el trato. ¡Gracias!",
  }),
  reject: same({
    priced: "Lo siento, {price} no me conviene.",
    unpriced: "Lo siento, ese precio no me conviene.",
  }),
  "walk-away": same({
    priced: "Prefiero dejarlo aquí. Gracias.",
    unpriced: "Prefiero dejarlo aquí. Gracias.",
  }),
  question: same({
    priced: "¿Me puede contar más sobre {title}?",
    unpriced: "¿Me puede contar más sobre {title}?",
  }),
  answer: same({ priced: "Claro. Mi precio sigue siendo {price}.", unpriced: "Claro, con gusto." }),
  thanks: same({
    priced: "¡Muchas gracias! Hasta la entrega.",
    unpriced: "¡Muchas gracias! Hasta la entrega.",
  }),
};

const GERMAN: Bank = {
  greet: {
    seller: { priced: "Hallo! Ich verkaufe {title} für {price}.", unpriced: "Hallo! Ich verkaufe {title}." },
    buyer: {
      priced: "Hallo! Ich interessiere mich für {title}. Ich biete {price}.",
      unpriced: "Hallo! Ich interessiere mich für {title}. Hier ist mein Angebot.",
    },
  },
  anchor: same({
    priced: "Mein Preis für {title} ist {price}.",
    unpriced: "Hier ist mein Preis für {title}.",
  }),
  counter: same({ priced: "Ich schlage {price} vor.", unpriced: "Hier ist mein Gegenangebot." }),
  concede: same({
    priced: "Gut, ich komme Ihnen entgegen: {price}.",
    unpriced: "Gut, ich komme Ihnen entgegen.",
  }),
  "hold-firm": same({ priced: "Ich bleibe bei {price}.", unpriced: "Ich bleibe bei meinem Preis." }),
  accept: same({ priced: "Einverstanden, {price}. Abgemacht!", unpriced: "Einverstanden. Abgemacht!" }),
  confirm: same({
    priced: "Ich bestätige den Handel für {price}. Danke!",
    unpriced: "Ich bestätige den Handel. Danke!",
  }),
  reject: same({
    priced: "Tut mir leid, {price} passt mir nicht.",
    unpriced: "Tut mir leid, der Preis passt mir nicht.",
  }),
  "walk-away": same({
    priced: "Ich lasse es hier. Danke und einen schönen Tag.",
    unpriced: "Ich lasse es hier. Danke und einen schönen Tag.",
  }),
  question: same({
    priced: "Können Sie mir mehr über {title} erzählen?",
    unpriced: "Können Sie mir mehr über {title} erzählen?",
  }),
  answer: same({ priced: "Gern. Mein Preis bleibt {price}.", unpriced: "Gern." }),
  thanks: same({ priced: "Vielen Dank, bis zur Übergabe!", unpriced: "Vielen Dank, bis zur Übergabe!" }),
};

const BANKS: Record<Foreign, Bank> = { fr: FRENCH, es: SPANISH, de: GERMAN };

/** The sentence that introduces facts and pick-up terms, by language. */
const FACTS_INTRO: Record<WishLanguage, string> = {
  en: "Good to know:",
  fr: "À savoir :",
  es: "Para que lo sepa:",
  de: "Gut zu wissen:",
};
const MEETING_INTRO: Record<WishLanguage, string> = {
  en: "For the hand-over:",
  fr: "Pour la remise en main propre :",
  es: "Para la entrega en mano:",
  de: "Zur Übergabe:",
};

/** Questions a "questions" style asks, by language and role, taken in turn. */
const QUESTIONS: Record<WishLanguage, Record<"seller" | "buyer", readonly string[]>> = {
  en: {
    seller: [
      "What will you use it for?",
      "Have you had one like it before?",
      "When would suit you to pick it up?",
      "Is there anything you'd like to know about it?",
    ],
    buyer: [
      "Could you tell me a bit more about its condition?",
      "How long have you had it?",
      "Is there anything wrong with it that I should know about?",
      "Why are you selling it?",
      "Does it come with everything it needs?",
    ],
  },
  fr: {
    seller: ["Pour quel usage ?", "Quand pourriez-vous passer le chercher ?", "Avez-vous des questions ?"],
    buyer: [
      "Dans quel état est-il exactement ?",
      "Depuis combien de temps l'avez-vous ?",
      "Pourquoi le vendez-vous ?",
    ],
  },
  es: {
    seller: ["¿Para qué lo va a usar?", "¿Cuándo le vendría bien recogerlo?"],
    buyer: ["¿En qué estado está exactamente?", "¿Desde cuándo lo tiene?", "¿Por qué lo vende?"],
  },
  de: {
    seller: ["Wofür möchten Sie es nutzen?", "Wann passt Ihnen die Abholung?"],
    buyer: ["In welchem Zustand ist es genau?", "Wie lange haben Sie es schon?", "Warum verkaufen Sie es?"],
  },
};

/** The question a questions style asks when a deal is agreed, by language. */
const HANDOVER_QUESTION: Record<WishLanguage, string> = {
  en: "When and where would suit you for the hand-over?",
  fr: "Quand et où la remise vous conviendrait-elle ?",
  es: "¿Cuándo y dónde le viene bien la entrega?",
  de: "Wann und wo passt Ihnen die Übergabe?",
};

const SUITS_QUESTION: Record<WishLanguage, string> = {
  en: "Does that suit you?",
  fr: "Cela vous convient-il ?",
  es: "¿Le viene bien?",
  de: "Passt Ihnen das?",
};

/** Moves where a questions style adds a question (not when closing, confirming or leaving). */
const ASKING: ReadonlySet<MoveKind> = new Set([
  "greet",
  "anchor",
  "counter",
  "concede",
  "hold-firm",
  "answer",
  "question",
]);
/** Moves that agree a deal or follow it: the pick-up terms are said then. */
const AGREED: ReadonlySet<MoveKind> = new Set(["accept", "confirm", "thanks"]);

/** The most times one negotiation hears the facts: the first message, then when asked. */
const MAX_FACTS_REPEATS = 3;

/** The engine refuses messages over this; the wishes' additions are cut to stay below it. */
const MAX_WITH_WISHES = 1500;

/** Whether the mandate has wishes the built-in phraser acts on. */
export function hasPhraserWishes(wishes: Wishes | undefined): wishes is Wishes {
  if (!wishes) return false;
  const facts = Object.values(wishes.facts).some((list) => list.length > 0);
  const language = wishes.tone.language !== undefined && wishes.tone.language !== "en";
  return facts || language || wishes.tone.style === "questions" || (wishes.meeting ?? "").length > 0;
}

/** The move in another language, from the bank (the item's title stays as the owner wrote it). */
export function foreignLine(move: Move, language: Foreign): string {
  const line = BANKS[language][move.kind][move.role];
  const template = move.price !== undefined ? line.priced : line.unpriced;
  return template
    .replace("{title}", move.item.title)
    .replace("{price}", move.price !== undefined ? formatMoney(move.price, move.currency) : "");
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * A phraser that follows the owner's wishes: the inner phraser's words (or the move in the chosen
 * language), then the item's facts on the first message about it and on every answer, the pick-up
 * terms once a deal is agreed, and a question on every negotiating move for a questions style.
 */
export function withWishes(inner: Phraser, mandate: Pick<Mandate, "items" | "wishes">): Phraser {
  const wishes = mandate.wishes;
  if (!hasPhraserWishes(wishes)) return inner;
  const language: WishLanguage = wishes.tone.language ?? "en";
  const factsByTitle = new Map<string, string[]>();
  for (const item of mandate.items) {
    const facts = wishes.facts[item.id];
    if (facts && facts.length > 0) factsByTitle.set(item.title, facts);
  }
  /** Per negotiation (counterpart and item): facts said, questions asked, pick-up terms said. */
  const said = new Map<string, { facts: number; questions: number; meeting: boolean }>();
  return {
    hints: inner.hints,
    say(move: Move): string {
      const key = `${move.counterpartName}\u0000${move.item.title}`;
      let memory = said.get(key);
      if (!memory) {
        memory = { facts: 0, questions: 0, meeting: false };
        said.set(key, memory);
      }
      const base = language === "en" ? inner.say(move) : foreignLine(move, language);
      const extra: string[] = [];
      const facts = move.role === "seller" ? factsByTitle.get(move.item.title) : undefined;
      const asked = move.kind === "answer" || move.theyAsked === true;
      if (
        facts &&
        move.kind !== "walk-away" &&
        (memory.facts === 0 || (asked && memory.facts < MAX_FACTS_REPEATS))
      ) {
        memory.facts++;
        extra.push(`${FACTS_INTRO[language]} ${facts.map(sentence).join(" ")}`);
      }
      if (wishes.meeting && AGREED.has(move.kind) && (!memory.meeting || move.kind !== "thanks")) {
        memory.meeting = true;
        extra.push(`${MEETING_INTRO[language]} ${sentence(wishes.meeting)}`);
      }
      if (wishes.tone.style === "questions" && ASKING.has(move.kind)) {
        const options = QUESTIONS[language][move.role];
        extra.push(options[memory.questions % options.length]!);
        memory.questions++;
      } else if (wishes.tone.style === "questions" && AGREED.has(move.kind)) {
        extra.push(wishes.meeting ? SUITS_QUESTION[language] : HANDOVER_QUESTION[language]);
      }
      let text = [base, ...extra].filter((part) => part.length > 0).join(" ");
      if (text.length > MAX_WITH_WISHES) text = `${text.slice(0, MAX_WITH_WISHES - 1)}…`;
      return text;
    },
    forget(counterpartName: string, itemTitle: string): void {
      said.delete(`${counterpartName}\u0000${itemTitle}`);
      inner.forget?.(counterpartName, itemTitle);
    },
    state: () => ({ said, inner: inner.state?.() }),
    load(state: unknown): void {
      const saved = state as { said: typeof said; inner?: unknown };
      said.clear();
      for (const [key, memory] of saved.said) said.set(key, memory);
      if (saved.inner !== undefined) inner.load?.(saved.inner);
    },
  };
}

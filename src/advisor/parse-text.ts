/**
 * Reads an order situation typed in one line, in the eight interface languages:
 * "not received, dispute open, protection ends 5 Dec, seller says wait",
 * "осталось 3 дня, брак, продавец предлагает paypal". Whatever is missing is asked for afterwards.
 */
import { foldWord } from '../core/normalize.js';
import { findWhen } from '../deadline/parse-when.js';
import type { Delivery, DisputeState } from './situation.js';

/** What the text told. */
export interface SituationDraftText {
  delivery?: Delivery;
  dispute?: DisputeState;
  protectionEnds?: Date;
  sellerMessage?: string;
  mediatorWaitDays?: number;
}

/** Phrases (folded: lower case, no diacritics, й -> и), matched at word starts. */
const DELIVERY: ReadonlyArray<readonly [Delivery, readonly string[]]> = [
  ['not_received', [
    'not received', 'not recieved', 'not arrived', 'didnt arrive', 'didn t arrive', 'did not arrive', 'hasnt arrived', 'has not arrived', 'never arrived', 'never received', 'not delivered', 'no parcel', 'parcel lost', 'package lost', 'not come', 'havent received', 'have not received', 'not got',
    'pas recu', 'non recu', 'jamais recu', 'pas arrive', 'jamais arrive', 'pas livre', 'colis perdu', 'toujours rien',
    'не получ', 'не приш', 'не доставлен', 'не дошл', 'не дошел', 'посылка потерял', 'нет посылки', 'не пришл',
    'no recibid', 'no he recibido', 'no recibi', 'no llego', 'no ha llegado', 'nunca llego', 'no entregad',
    'nao recebi', 'nao recebid', 'nao chegou', 'nunca chegou', 'nao foi entregue',
    'nicht erhalten', 'nicht angekommen', 'nicht geliefert', 'nicht bekommen', 'nie angekommen', 'nicht zugestellt',
    'non ricevut', 'non arrivat', 'non e arrivat', 'mai arrivat', 'non consegnat', 'non mi e arrivat',
    'nie otrzymal', 'nie dotarl', 'nie doszl', 'nie przyszl', 'nie dostal', 'nie doszedl',
  ]],
  ['defective', [
    'defective', 'broken', 'damaged', 'faulty', 'doesnt work', 'does not work', 'not working', 'poor quality', 'bad quality',
    'defectueu', 'casse', 'abime', 'ne fonctionne pas', 'ne marche pas', 'mauvaise qualite',
    'брак', 'сломан', 'поврежд', 'не работает', 'дефект', 'плохое качество',
    'defectuos', 'roto', 'rota', 'danad', 'no funciona', 'mala calidad',
    'defeito', 'defeituos', 'quebrad', 'danificad', 'nao funciona', 'ma qualidade',
    'defekt', 'kaputt', 'beschadigt', 'funktioniert nicht', 'schlechte qualitat',
    'difettos', 'rotto', 'rotta', 'danneggiat', 'non funziona', 'scarsa qualita',
    'wadliw', 'uszkodzon', 'zepsut', 'nie dziala', 'wada', 'zla jakosc',
  ]],
  ['wrong_item', [
    'wrong item', 'wrong product', 'wrong size', 'wrong color', 'wrong colour', 'wrong model', 'different item', 'not as described',
    'mauvais article', 'mauvais produit', 'mauvaise taille', 'mauvaise couleur', 'pas conforme', 'non conforme',
    'не тот', 'не соответствует', 'другой товар', 'не та ',
    'articulo equivocad', 'producto equivocad', 'talla equivocad', 'color equivocad', 'no coincide', 'articulo incorrect', 'producto incorrect',
    'produto errad', 'item errad', 'tamanho errad', 'cor errad', 'nao corresponde',
    'falscher artikel', 'falsche ware', 'falsche grosse', 'falsche farbe', 'falsches produkt', 'falscher',
    'articolo sbagliat', 'prodotto sbagliat', 'taglia sbagliat', 'colore sbagliat', 'non conforme',
    'zly produkt', 'zly rozmiar', 'zly kolor', 'inny produkt', 'niezgodn',
  ]],
  ['wrong_quantity', [
    'wrong quantity', 'missing item', 'missing part', 'missing piece', 'not all items', 'only received', 'incomplete', 'items missing', 'pieces missing',
    'quantite', 'manque', 'manquant', 'incomplet',
    'не хватает', 'неполн', 'количеств', 'некомплект',
    'cantidad', 'falta', 'incomplet',
    'quantidade', 'faltando', 'falta', 'incomplet',
    'menge', 'fehlt', 'fehlen', 'unvollstandig',
    'quantita', 'manca', 'mancano', 'incomplet',
    'ilosc', 'brakuje', 'niekompletn',
  ]],
  ['received_ok', [
    'received', 'arrived', 'got it', 'got the item', 'item is fine', 'all good', 'delivered',
    'recu', 'arrive', 'livre',
    'получил', 'пришло', 'пришел', 'пришла', 'доставлен',
    'recibid', 'recibi', 'llego',
    'recebi', 'chegou', 'entregue',
    'erhalten', 'angekommen', 'geliefert',
    'ricevut', 'arrivat', 'consegnat',
    'otrzymal', 'dotarl', 'doszl', 'przyszl', 'dostal',
  ]],
];

const DISPUTE: ReadonlyArray<readonly [DisputeState, readonly string[]]> = [
  ['escalated', ['escalat', 'escalad', 'escalon', 'eskal', 'эскалац', 'эскалир', 'арбитраж', 'mediator', 'mediateur', 'медиатор', 'mediador', 'mediatore', 'mediaz', 'mediac', 'mediat', 'vermittler']],
  ['none', [
    'no dispute', 'without dispute', 'not opened', 'didnt open', 'did not open', 'havent opened', 'have not opened',
    'pas de litige', 'sans litige', 'aucun litige', 'pas ouvert',
    'без спора', 'нет спора', 'спор не открыт', 'не открывал', 'не открыл',
    'sin disputa', 'no he abierto', 'no abri', 'ninguna disputa',
    'sem disputa', 'nao abri', 'nenhuma disputa',
    'kein streit', 'keinen streit', 'kein disput', 'keinen disput', 'nicht eroffnet', 'keinen fall',
    'nessuna controversia', 'non ho aperto', 'senza controversia', 'nessuna disputa',
    'bez sporu', 'nie otworzyl', 'nie otwieral', 'brak sporu', 'nie otwarl',
  ]],
  ['cancelled', ['cancelled', 'canceled', 'annule', 'отменил', 'отменен', 'отменила', 'cancelad', 'cancele', 'cancelei', 'storniert', 'zuruckgezogen', 'annullat', 'anulowal', 'anulowan']],
  ['closed', ['dispute closed', 'closed the dispute', 'closed dispute', 'litige ferme', 'litige clos', 'ferme le litige', 'спор закрыт', 'закрыл спор', 'закрыла спор', 'disputa cerrada', 'cerre la disputa', 'disputa fechada', 'fechei a disputa', 'streit geschlossen', 'geschlossen', 'controversia chiusa', 'ho chiuso', 'spor zamkniety', 'zamknalem spor', 'zamknelam spor']],
  ['open', [
    'dispute open', 'open dispute', 'opened a dispute', 'opened dispute', 'dispute is open', 'dispute opened', 'in dispute', 'dispute',
    'litige ouvert', 'ouvert un litige', 'litige en cours', 'litige',
    'открыл спор', 'открыла спор', 'спор открыт', 'открыт спор', 'спор',
    'disputa abierta', 'abri una disputa', 'abri disputa', 'disputa',
    'disputa aberta', 'abri uma disputa', 'abri disputa',
    'streit offen', 'streitfall', 'eroffnet', 'streit', 'disput',
    'controversia aperta', 'aperto una controversia', 'controversia', 'contestazione',
    'spor otwarty', 'otworzylem spor', 'otworzylam spor', 'spor',
  ]],
];

/** Words that introduce the seller's message; everything after is the message. */
const SELLER = /(?:^|[\s,;.])(seller|vendor|shop|store|le vendeur|vendeur|la boutique|продавец|магазин|el vendedor|vendedor|la tienda|o vendedor|a loja|der verk[aä]ufer|verk[aä]ufer|h[aä]ndler|il venditore|venditore|sprzedawca|sprzedawczyni|sklep)\s*(?:says?|said|writes?|wrote|offers?|asks?|proposes?|wants?|dit|propose|demande|[ée]crit|veut|пишет|предлагает|просит|говорит|хочет|написал|dice|ofrece|pide|escribe|quiere|diz|oferece|pede|escreve|quer|sagt|bietet|bittet|schreibt|will|m[oö]chte|dice|offre|chiede|scrive|vuole|pisze|proponuje|prosi|m[oó]wi|chce)?\s*[:\-—]?\s*/iu;

function has(folded: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const i = folded.indexOf(phrase, from);
    if (i < 0) return false;
    if (i === 0 || !/[\p{L}\p{N}]/u.test(folded[i - 1]!)) return true;
    from = i + 1;
  }
}

/** Reads what a one-line description tells about the order. */
export function parseSituationText(text: string, now: Date, tz: string): SituationDraftText {
  const out: SituationDraftText = {};
  let situation = text;
  const quoted = /["«“„]([^"»”“]{3,})["»”“]/u.exec(text);
  const seller = SELLER.exec(text);
  if (seller && seller[0].trim().length > 0) {
    const message = text.slice(seller.index + seller[0].length).trim();
    if (message.length > 0) {
      out.sellerMessage = quoted?.[1]?.trim() ?? message;
      situation = text.slice(0, seller.index);
    }
  } else if (quoted) {
    out.sellerMessage = quoted[1]!.trim();
    situation = text.replace(quoted[0], ' ');
  }
  const folded = ' ' + situation.split(/\s+/).map((w) => foldWord(w.replace(/['’]/g, ''))).join(' ') + ' ';
  for (const [state, phrases] of DELIVERY) {
    if (phrases.some((p) => has(folded, p))) {
      out.delivery = state;
      break;
    }
  }
  for (const [state, phrases] of DISPUTE) {
    if (phrases.some((p) => has(folded, p))) {
      out.dispute = state;
      break;
    }
  }
  const when = findWhen(situation, now, tz);
  if (when) {
    if (out.dispute === 'escalated' && when.relative && /wait|attend|жд|esper|wart|aspett|czek/iu.test(situation)) {
      out.mediatorWaitDays = Math.round((when.at.getTime() - now.getTime()) / 86_400_000);
    } else out.protectionEnds = when.at;
  }
  return out;
}

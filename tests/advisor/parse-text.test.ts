import { describe, expect, it } from 'vitest';
import { parseSituationText } from '../../src/advisor/parse-text.js';

const NOW = new Date('2026-11-27T10:00:00Z');

describe('parseSituationText', () => {
  it.each([
    ['not received, dispute open, protection ends 5 Dec, seller says wait', { delivery: 'not_received', dispute: 'open', ends: '2026-12-05', seller: 'wait' }],
    ['осталось 3 дня, брак, продавец предлагает paypal', { delivery: 'defective', ends: '2026-11-30', seller: 'paypal' }],
    ['colis pas reçu, litige ouvert, protection jusqu’au 5 décembre', { delivery: 'not_received', dispute: 'open', ends: '2026-12-05' }],
    ['no he recibido el pedido, sin disputa, quedan 2 días', { delivery: 'not_received', dispute: 'none', ends: '2026-11-29' }],
    ['produto errado, disputa aberta', { delivery: 'wrong_item', dispute: 'open' }],
    ['Artikel defekt, Streitfall offen, 10.12.2026', { delivery: 'defective', dispute: 'open', ends: '2026-12-10' }],
    ['mancano 2 pezzi, controversia aperta', { delivery: 'wrong_quantity', dispute: 'open' }],
    ['nie dotarła paczka, spór otwarty, 12 grudnia', { delivery: 'not_received', dispute: 'open', ends: '2026-12-12' }],
    ['nie dotarła, spór otwarty, ochrona kończy się 5 grudnia', { delivery: 'not_received', dispute: 'open', ends: '2026-12-05' }],
    ['arrived and fine, dispute open', { delivery: 'received_ok', dispute: 'open' }],
  ])('%s', (text, want) => {
    const got = parseSituationText(text, NOW, 'UTC');
    expect(got.delivery).toBe(want.delivery);
    expect(got.dispute).toBe('dispute' in want ? want.dispute : undefined);
    expect(got.protectionEnds?.toISOString().slice(0, 10)).toBe('ends' in want ? want.ends : undefined);
    expect(got.sellerMessage).toBe('seller' in want ? want.seller : undefined);
  });

  it('reads a mediator\'s waiting time for an escalated dispute', () => {
    expect(parseSituationText('not received, dispute escalated, mediator says wait 10 days', NOW, 'UTC')).toMatchObject({ dispute: 'escalated', mediatorWaitDays: 10 });
  });

  it('takes a quoted seller message', () => {
    expect(parseSituationText('defective, dispute open, "close the dispute and I send new one"', NOW, 'UTC').sellerMessage).toBe('close the dispute and I send new one');
  });
});

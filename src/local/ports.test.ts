import { describe, expect, it } from 'vitest';
import { MAX_BOT_PORT, playgroundPorts } from './ports';

describe('playgroundPorts', () => {
  it('puts the page, the Palette simulator and the MAAS simulator beside PORT', () => {
    expect(playgroundPorts(3000)).toEqual({ page: 3001, palette: 3002, maas: 3003 });
    expect(playgroundPorts(4100, 9000)).toEqual({ page: 9000, palette: 4102, maas: 4103 });
  });

  it('gives every server any free port when PORT is 0', () => {
    expect(playgroundPorts(0)).toEqual({ page: 0, palette: 0, maas: 0 });
  });

  it('leaves room above the highest PORT', () => {
    expect(playgroundPorts(MAX_BOT_PORT).maas).toBe(65_535);
  });
});

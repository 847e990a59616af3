import { describe, expect, it } from 'vitest';
import { machineText, memoryText, moneyText } from './figures';

describe('figures people read', () => {
  it('writes money in Palette’s currency, or the (escaped) code when it is not one', () => {
    expect(moneyText(155.93, 'USD')).toBe('$155.93');
    expect(moneyText(12, 'EUR')).toBe('€12.00');
    expect(moneyText(12, 'credits')).toBe('12.00 credits');
    expect(moneyText(1, '<b>')).toBe('1.00 &lt;b&gt;');
  });

  it('writes memory in GiB and a machine with its CPU, memory and disk', () => {
    expect(memoryText(8192)).toBe('8 GiB');
    expect(memoryText(1536)).toBe('1.5 GiB');
    expect(machineText({ minCPU: 4, minMemInMB: 8192 }, 60)).toBe('≥ 4 CPU, 8 GiB RAM, 60 GiB disk');
    expect(machineText({ minCPU: 4, minMemInMB: 8192 })).toBe('≥ 4 CPU, 8 GiB RAM');
  });
});

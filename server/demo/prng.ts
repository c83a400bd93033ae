const HEX = '0123456789abcdef';

/** A small seeded PRNG (mulberry32) so demo data is the same on every run. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    const last = entries.at(-1);
    if (!last) throw new RangeError('weighted pick from nothing');
    return last[0];
  }

  /** A UUID-shaped id (version 4 layout) drawn from this generator: 32 draws, one hex digit each. */
  uuid(): string {
    let id = '';
    for (let i = 0; i < 32; i += 1) {
      const digit = Math.floor(this.next() * 16);
      id += HEX[i === 12 ? 4 : i === 16 ? (digit & 0x3) | 0x8 : digit];
      if (i === 7 || i === 11 || i === 15 || i === 19) id += '-';
    }
    return id;
  }
}

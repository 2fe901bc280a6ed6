const MAX_SNAPSHOTS = 1000;

/**
 * How long a projection has been behind: the log's head is read now and then; a head the
 * projection has not reached yet was already written when it was read, so the projection is at
 * least (now − when that head was read) behind. The oldest unreached reading is the one that counts.
 */
export class HeadWatch {
  private readonly unreached: Array<{ position: bigint; readAt: number }> = [];

  observe(head: bigint, position: bigint | null, readAt: number): void {
    if (position !== null && position >= head) return;
    const newest = this.unreached[this.unreached.length - 1];
    if (newest && newest.position >= head) return;
    // Keep the oldest reading; thin out the ones after it if a projection stays behind for long.
    if (this.unreached.length >= MAX_SNAPSHOTS) this.unreached.splice(1, 1);
    this.unreached.push({ position: head, readAt });
  }

  reached(position: bigint): void {
    while (this.unreached.length > 0 && this.unreached[0].position <= position) this.unreached.shift();
  }

  get behind(): boolean {
    return this.unreached.length > 0;
  }

  /** 0 when caught up with every head read so far. */
  behindForMs(now: number): number {
    return this.unreached.length === 0 ? 0 : Math.max(0, now - this.unreached[0].readAt);
  }

  clear(): void {
    this.unreached.length = 0;
  }
}

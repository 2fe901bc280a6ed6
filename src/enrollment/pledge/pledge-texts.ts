import { Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bootstrap/project-paths';

export interface Pledge {
  version: string;
  title: string;
  /** Paragraphs of the text, without the Markdown title line. */
  paragraphs: string[];
}

/** Reads the versioned pledge texts (seed/pledge/v<N>.md); the highest version is the one in force. */
export function loadPledges(dir: string): Pledge[] {
  const files = readdirSync(dir).filter((name) => /^v\d+\.md$/.test(name));
  return files
    .map((name) => {
      const lines = readFileSync(join(dir, name), 'utf8').split('\n');
      const title = (lines.find((line) => line.startsWith('# ')) ?? '# 考生承诺书').slice(2).trim();
      const paragraphs = lines.filter((line) => line.trim() && !line.startsWith('# ')).map((line) => line.trim());
      return { version: name.replace(/\.md$/, ''), title, paragraphs };
    })
    .sort((a, b) => Number(a.version.slice(1)) - Number(b.version.slice(1)));
}

@Injectable()
export class PledgeTexts {
  private readonly pledges = loadPledges(join(projectRoot(), 'seed', 'pledge'));

  current(): Pledge {
    const pledge = this.pledges[this.pledges.length - 1];
    if (!pledge) throw new Error('No pledge text in seed/pledge/');
    return pledge;
  }

  version(version: string): Pledge | undefined {
    return this.pledges.find((pledge) => pledge.version === version);
  }
}

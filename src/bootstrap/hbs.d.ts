// The `hbs` package ships no types; this is the part of its API the bootstrap uses.
declare module 'hbs' {
  import type Handlebars from 'handlebars';
  import type { HelperDelegate } from 'handlebars';

  type RenderCallback = (err: Error | null, html?: string) => void;

  export interface HbsInstance {
    handlebars: typeof Handlebars;
    registerPartial(name: string, template: string): void;
    registerHelper(name: string, helper: HelperDelegate): void;
    __express(filename: string, options: object, callback: RenderCallback): void;
  }

  interface Hbs extends HbsInstance {
    create(): HbsInstance;
  }

  const hbs: Hbs;
  export default hbs;
}

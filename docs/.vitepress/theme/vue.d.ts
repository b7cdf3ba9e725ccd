// For tsc: a .vue file's default export is a component (Vite compiles them).
declare module '*.vue' {
  import type { Theme } from 'vitepress';

  const component: NonNullable<Theme['Layout']>;
  export default component;
}

// The default theme, with a picture of the walk of the lessons in the home
// page's hero (Layout.vue), where the default theme leaves room for an image.
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import Layout from './Layout.vue';

export default { extends: DefaultTheme, Layout } satisfies Theme;

// A default Docusaurus 3 site with its blog at the root, in English and Spanish, and the
// classic theme's locale switcher. Nothing here is configured for l10n's posts: they must
// build as they are (CommonMark through their `mdx: {format: md}` front matter).
// `future`: Docusaurus Faster (Rspack, SWC) and the v4 flags it asks for: a cheaper build.
module.exports = {
  future: {v4: true, faster: true},
  title: "Blog",
  url: "https://blog.example.org",
  baseUrl: "/",
  onBrokenLinks: "throw",
  i18n: {defaultLocale: "en", locales: ["en", "es"]},
  presets: [
    ["classic", {docs: false, blog: {routeBasePath: "/", onUntruncatedBlogPosts: "ignore"}, theme: {}}],
  ],
  themeConfig: {navbar: {items: [{type: "localeDropdown", position: "right"}]}},
};

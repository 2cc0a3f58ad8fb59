// Rebuilds ../assets/icons.css, the icons of a project's row of links,
// from the Simple Icons (CC0) and Lucide (ISC) versions pinned in the
// repository's package-lock.json. Builds of sites never run this: the
// stylesheet is committed, so they need no network.
//
//   npm ci && node templates/icons/build.mjs
import { readFileSync, writeFileSync } from "node:fs";

const modules = new URL("../../node_modules/", import.meta.url);
const pkg = (name) => JSON.parse(readFileSync(new URL(`${name}/package.json`, modules), "utf8"));

// An icon per kind of link (ProjectLink.Icon in generator/view.go): brands
// from Simple Icons, the rest from Lucide. Simple Icons no longer carries
// Slack's or LinkedIn's marks, so those take Lucide's generic ones.
const icons = {
  website: ["lucide-static", "globe"],
  link: ["lucide-static", "link"],
  code: ["lucide-static", "code-xml"],
  docs: ["lucide-static", "book-open"],
  blog: ["lucide-static", "newspaper"],
  mail: ["lucide-static", "mail"],
  chat: ["lucide-static", "message-square"],
  art: ["lucide-static", "palette"],
  stats: ["lucide-static", "chart-column"],
  linkedin: ["lucide-static", "briefcase-business"],
  github: ["simple-icons", "github"],
  gitlab: ["simple-icons", "gitlab"],
  x: ["simple-icons", "x"],
  discord: ["simple-icons", "discord"],
  youtube: ["simple-icons", "youtube"],
  bluesky: ["simple-icons", "bluesky"],
  reddit: ["simple-icons", "reddit"],
  medium: ["simple-icons", "medium"],
  mastodon: ["simple-icons", "mastodon"],
  telegram: ["simple-icons", "telegram"],
  stackoverflow: ["simple-icons", "stackoverflow"],
  crunchbase: ["simple-icons", "crunchbase"],
};

// The drawing only: comments, classes, titles and sizes go, so the data
// address is small; a mask needs only the shape.
function shape(from, name) {
  return readFileSync(new URL(`${from}/icons/${name}.svg`, modules), "utf8")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<title>[\s\S]*?<\/title>/g, "")
    .replace(/<svg[^>]*>/, (tag) => tag.replace(/\s(class|role|width|height)="[^"]*"/g, ""))
    .replace(/\s+/g, " ")
    .replace(/> </g, "><")
    .trim();
}

const encode = (svg) => svg.replace(/"/g, "'").replace(/[%#<>{}]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

let css = `/* Icons of a project's row of links, written by templates/icons/build.mjs.
   Simple Icons ${pkg("simple-icons").version} (CC0-1.0) and Lucide ${pkg("lucide-static").version}:
   ISC License, Copyright (c) Lucide Icons and Contributors. Permission to use,
   copy, modify, and/or distribute this software for any purpose with or
   without fee is hereby granted, provided that the above copyright notice and
   this permission notice appear in all copies. */
.project-links a[data-icon]::before { content: ""; display: inline-block; width: 1em; height: 1em; margin-right: .4em; vertical-align: -.125em; background: currentColor; -webkit-mask: var(--icon) center / contain no-repeat; mask: var(--icon) center / contain no-repeat; }
`;
for (const [kind, [from, name]] of Object.entries(icons)) {
  css += `.project-links a[data-icon=${kind}] { --icon: url("data:image/svg+xml,${encode(shape(from, name))}"); }\n`;
}
writeFileSync(new URL("../assets/icons.css", import.meta.url), css);
console.log(`templates/assets/icons.css: ${Object.keys(icons).length} icons, ${css.length} bytes`);

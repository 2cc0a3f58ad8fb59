// Lints the hand-written front-end scripts (templates/assets/*.js): they
// run in every reader's browser, from file:// too, as plain scripts.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["templates/assets/vendor/**", "templates/echarts/**", "node_modules/**", "public/**", "bench/**"] },
  js.configs.recommended,
  {
    files: ["templates/assets/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, echarts: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none" }],
      eqeqeq: ["error", "smart"],
      "no-implicit-globals": "error",
    },
  },
  {
    files: ["templates/icons/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];

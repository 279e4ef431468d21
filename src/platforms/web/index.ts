export { playgroundRouter, type PlaygroundOptions } from "./playground-router.js";

import { defineCommand } from "citty";
export default defineCommand({ meta: { name: "x" }, run() { return 0; } });

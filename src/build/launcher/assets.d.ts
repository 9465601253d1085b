// The launchers are embedded as text (`with { type: "text" }`) so `hookkit build` also works from a compiled hookkit.
declare module "*.sh" {
  const text: string;
  export default text;
}
declare module "*.ps1" {
  const text: string;
  export default text;
}

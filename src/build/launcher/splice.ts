// The shipped scripts run on the user's machine without hookkit, each a standalone file, yet the platform
// detection they all need must be written once: each script is a template in which a line `# @include <file>`
// stands for a fragment of this folder, spliced in at the marker's indentation when the text is embedded.
import platformPs1 from "./platform.ps1" with { type: "text" };
import platformSh from "./platform.sh" with { type: "text" };

/** The fragments a template may include, by file name. */
export const FRAGMENTS: Readonly<Record<string, string>> = { "platform.sh": platformSh, "platform.ps1": platformPs1 };

const MARKER = /^([ \t]*)# @include (\S+)\n/gm;

/** The script a user gets: every marker line of `template` replaced by its fragment, indented as the marker. */
export function splice(template: string, fragments: Readonly<Record<string, string>> = FRAGMENTS): string {
  return template.replace(MARKER, (_line, indent: string, file: string) => {
    const fragment = fragments[file];
    if (fragment === undefined) throw new Error(`script template includes ${file}, which is not a fragment (${Object.keys(fragments).join(", ")})`);
    return indent ? fragment.replace(/^(?=.)/gm, indent) : fragment;
  });
}

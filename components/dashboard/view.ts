/** The query value that opens the presenter view: `/?view=present`. Shared by the page (a server component) and the toggle. */
export const PRESENT_VIEW = 'present';

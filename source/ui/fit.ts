// The screens cut and pad text with the same measures as the reports.
export {fitTail, fitWidth, padWidth} from '../present/text-width.js';

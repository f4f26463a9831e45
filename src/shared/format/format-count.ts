export { countOf, formatCount } from '@/core/text/format-count';

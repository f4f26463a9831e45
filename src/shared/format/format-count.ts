export { formatCount } from '@/core/text/format-count';

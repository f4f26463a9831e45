export { formatCount } from '@/core/format';

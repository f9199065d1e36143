import { NotFoundContent } from '../components/ErrorSummary';

export default function NotFoundPage() {
  return <NotFoundContent />;
}

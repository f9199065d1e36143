import { Link } from 'react-router';
import type { NodeRef } from '../../shared/api-types';
import { usePaths } from '../lib/paths';
import { Localized } from './Localized';

/** "1.1 Political and security cooperation": the code is shown before the linked title. */
export function NodeLabel({ node, link = true }: { node: Pick<NodeRef, 'id' | 'code' | 'title'>; link?: boolean }) {
  const paths = usePaths();
  return (
    <span className="node-label">
      <span className="node-code">{node.code}</span>{' '}
      {link ? (
        <Link to={paths.node(node.id)}>
          <Localized value={node.title} />
        </Link>
      ) : (
        <Localized value={node.title} />
      )}
    </span>
  );
}

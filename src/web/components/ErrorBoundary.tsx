import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

interface State {
  failed: boolean;
}

/** Catches rendering failures (and page code that failed to download) and offers a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="error-summary" role="alert">
        <h1 className="page-title">
          <FormattedMessage id="error.renderTitle" />
        </h1>
        <p>
          <FormattedMessage id="error.renderDetail" />
        </p>
        <p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            <FormattedMessage id="error.reload" />
          </button>
        </p>
      </div>
    );
  }
}

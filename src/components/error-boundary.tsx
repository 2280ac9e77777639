import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What to show instead of the children once one of them has thrown. */
  fallback: ReactNode;
  children: ReactNode;
}

/**
 * Keeps a failure in one part of the page from blanking the rest (architecture habit 10:
 * every widget inside its own error boundary). The error is logged for developers; the
 * fallback shows no stack or message, which may hold server text.
 */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

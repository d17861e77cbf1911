import { Component, type ReactNode } from "react";
import { ErrorNotice } from "./ErrorNotice.tsx";

/** A panel that fails to render says so in its place; the header and the other panels keep working. */
export class PanelBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error)
      return (
        <ErrorNotice
          error={
            new Error(
              `This panel could not be shown: ${this.state.error.message}. Reload the page to try again.`,
            )
          }
        />
      );
    return this.props.children;
  }
}

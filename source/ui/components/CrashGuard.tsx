import {Component, type ReactNode} from 'react';

/**
 * Turns an error thrown while rendering into an ordinary failed outcome, so
 * the operator gets one readable line instead of Ink's error overview.
 */
export class CrashGuard extends Component<{children: ReactNode; onCrash: (error: Error) => void}, {crashed: boolean}> {
	override state = {crashed: false};

	static getDerivedStateFromError() {
		return {crashed: true};
	}

	override componentDidCatch(error: Error) {
		this.props.onCrash(error);
	}

	override render() {
		return this.state.crashed ? null : this.props.children;
	}
}

import type {RetryNotice} from '../api/client.js';

/**
 * Retries announced by the API client, for the screen to say "waiting". A
 * wait still under way is told to a screen that subscribes late: the first
 * request is made while the screens are still loading.
 */
export class RetryNotices {
	#listeners = new Set<(notice: RetryNotice) => void>();
	#last: {notice: RetryNotice; until: number} | undefined;

	publish(notice: RetryNotice): void {
		this.#last = {notice, until: Date.now() + notice.delayMs};
		for (const listener of this.#listeners) {
			listener(notice);
		}
	}

	subscribe(listener: (notice: RetryNotice) => void): () => void {
		this.#listeners.add(listener);
		if (this.#last && this.#last.until > Date.now()) {
			listener(this.#last.notice);
		}

		return () => this.#listeners.delete(listener);
	}
}

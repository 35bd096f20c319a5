import type {RetryNotice} from '../api/client.js';

/** Retries announced by the API client, for the screen to say "waiting". */
export class RetryNotices {
	#listeners = new Set<(notice: RetryNotice) => void>();

	publish(notice: RetryNotice): void {
		for (const listener of this.#listeners) {
			listener(notice);
		}
	}

	subscribe(listener: (notice: RetryNotice) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

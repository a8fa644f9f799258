/** The local camera and microphone of one visit to a room: the preview, and muting either. */
import { m } from '$lib/paraglide/messages';

/** Turns a getUserMedia failure into a sentence a participant can act on. */
export function mediaErrorMessage(err: unknown): string {
	const name = err instanceof DOMException || err instanceof Error ? err.name : '';
	if (name === 'NotAllowedError' || name === 'SecurityError') return m.media_not_allowed();
	if (name === 'NotFoundError' || name === 'OverconstrainedError') return m.media_not_found();
	if (name === 'NotReadableError' || name === 'AbortError') return m.media_in_use();
	return m.media_failed();
}

export class LocalMedia {
	#stream = $state<MediaStream | null>(null);
	#problem = $state<string | null>(null);
	#micOn = $state(true);
	#camOn = $state(true);
	#hasAudio = $state(false);
	#hasVideo = $state(false);
	#stopped = false;

	get stream() {
		return this.#stream;
	}
	/** Why the camera or microphone is not (fully) available, for the participant. */
	get problem() {
		return this.#problem;
	}
	get micOn() {
		return this.#micOn && this.#hasAudio;
	}
	get camOn() {
		return this.#camOn && this.#hasVideo;
	}
	get hasAudio() {
		return this.#hasAudio;
	}
	get hasVideo() {
		return this.#hasVideo;
	}

	/** Starts the camera and microphone for the preview; falls back to whichever of the two works. */
	async start(): Promise<void> {
		if (!navigator.mediaDevices?.getUserMedia) {
			this.#problem = m.media_no_https();
			return;
		}
		let stream: MediaStream | null = null;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
		} catch (err) {
			this.#problem = mediaErrorMessage(err);
			// One of the two may still work (a laptop without a camera, a refused microphone).
			for (const constraints of [{ audio: true }, { video: true }]) {
				try {
					stream = await navigator.mediaDevices.getUserMedia(constraints);
					this.#problem = constraints.audio ? m.media_no_camera() : m.media_no_mic();
					break;
				} catch {
					// try the next one
				}
			}
		}
		if (this.#stopped) {
			stream?.getTracks().forEach((t) => t.stop());
			return;
		}
		this.#stream = stream;
		this.#hasAudio = Boolean(stream?.getAudioTracks().length);
		this.#hasVideo = Boolean(stream?.getVideoTracks().length);
	}

	/** Mutes or unmutes the microphone. */
	toggleMic(): void {
		this.#micOn = !this.#micOn;
		for (const t of this.#stream?.getAudioTracks() ?? []) t.enabled = this.#micOn;
	}

	/** Turns the camera off or on. */
	toggleCam(): void {
		this.#camOn = !this.#camOn;
		for (const t of this.#stream?.getVideoTracks() ?? []) t.enabled = this.#camOn;
	}

	/** Stops the camera and microphone (also one still starting). */
	stop(): void {
		this.#stopped = true;
		this.#stream?.getTracks().forEach((t) => t.stop());
		this.#stream = null;
	}

	/** Back to the state before `start` (tests). */
	reset(): void {
		this.stop();
		this.#stopped = false;
		this.#problem = null;
		this.#micOn = true;
		this.#camOn = true;
		this.#hasAudio = false;
		this.#hasVideo = false;
	}
}

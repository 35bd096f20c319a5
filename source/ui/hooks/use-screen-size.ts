import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type ScreenSize = {columns: number; rows: number};

/** The terminal's size, following resizes; a fallback for streams without one. */
export function useScreenSize(): ScreenSize {
	const {stdout} = useStdout();
	const read = (): ScreenSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

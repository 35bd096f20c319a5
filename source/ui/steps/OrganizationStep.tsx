import type {Organization} from '../../model/connection.js';
import {SelectList} from '../components/SelectList.js';
import type {KeyHint} from '../components/Footer.js';

export const organizationHints: KeyHint[] = [
	{keys: 'type', action: 'filter'},
	{keys: '↑↓', action: 'move'},
	{keys: 'Enter', action: 'choose'},
	{keys: 'Esc', action: 'clear/quit'},
];

export function OrganizationStep({organizations, current, height, onChoose, onBack}: {organizations: readonly Organization[]; current?: string; height: number; onChoose: (organization: Organization) => void; onBack: () => void}) {
	const items = organizations.map(org => ({key: org.id, label: org.name, hint: org.id, search: org.id, org}));
	return <SelectList label="organization" filterable items={items} height={height} initialKey={current} onSubmit={item => onChoose(item.org)} onBack={onBack} />;
}

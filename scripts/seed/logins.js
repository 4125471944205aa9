// The demo's named accounts, printed when the demo starts and listed in the README.
export const DEMO_PASSWORD = 'emen-demo-2026';

export const DEMO_LOGINS = [
	{ email: 'admin@example.org', what: 'platform administrator' },
	{ email: 'coplead@example.org', what: 'CoP lead (facilitator of the network)' },
	{ email: 'chamber@example.org', what: 'administrator of a chamber of commerce' },
	{
		email: 'association@example.org',
		what: "administrator of a migrant entrepreneurs' association"
	},
	{ email: 'respondent@example.org', what: 'respondent in the same chamber' }
];

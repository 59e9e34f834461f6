export * from './forms.ts';
export * from './users.ts';
export * from './messages.ts';
export * from './templates.ts';
export * from './rate-limits.ts';
export * from './emails.ts';
export * from './inbound-mails.ts';
export * from './teams.ts';

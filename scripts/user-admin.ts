// Makes an existing account a platform administrator: `npm run user:admin -- <email>`.
// This is how the very first administrator is made; later ones are made in the app.
import { eq } from 'drizzle-orm';
import { getDb } from '../src/lib/server/db';
import { user } from '../src/lib/server/db/schema';
import { normaliseEmail } from '../src/lib/server/users';

const email = process.argv[2];
if (!email) {
	console.error('Usage: npm run user:admin -- <email>');
	process.exit(2);
}
const db = getDb();
const result = db
	.update(user)
	.set({ isAdmin: true })
	.where(eq(user.email, normaliseEmail(email)))
	.run();
if (result.changes === 0) {
	console.error(`No account with the e-mail ${email}. Register it in the app first.`);
	process.exit(1);
}
console.log(`${email} is now a platform administrator.`);

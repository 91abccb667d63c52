// A ProConnect-like OpenID provider on loopback, for Passerelle's single sign-on tests only.
//
// It runs the certified `oidc-provider` with what ProConnect's partner documentation describes:
// the issuer and discovery under /api/v2, ProConnect's scopes and claims (given_name, usual_name,
// email, uid, siret, idp_id), client_secret_post, signed id_token and signed userinfo
// (application/jwt), ACR levels asked through the `claims` parameter, and RP-initiated logout.
//
// Input (environment): IDP_CLIENTS and IDP_USERS as JSON (see the Rust harness, tests/support).
// Output: one JSON line on stdout, {"issuer": "..."}, once it listens on 127.0.0.1 (a free port).
// Test-only control: POST /__test/tamper?what=id_token makes the next token response carry an
// id_token whose payload was altered after signing (the signature no longer matches).
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.IDP_CLIENTS ?? '[]');
const users = JSON.parse(process.env.IDP_USERS ?? '{}');
const acrValues = ['eidas1', 'eidas2', 'eidas3'];

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
let tamper = null;

function page(title, body) {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

async function readForm(req) {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 65536) throw new Error('form too large');
  }
  return new URLSearchParams(raw);
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}/api/v2`;
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      ...c,
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'given_name', 'usual_name', 'email', 'uid', 'siret', 'idp_id', 'phone', 'organizational_unit', 'belonging_population', 'chorusdt'],
    claims: {
      openid: ['sub'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      email: ['email'],
      uid: ['uid'],
      siret: ['siret'],
      idp_id: ['idp_id'],
      phone: ['phone_number'],
      organizational_unit: ['organizational_unit'],
      belonging_population: ['belonging_population'],
      chorusdt: ['chorusdt:matricule', 'chorusdt:societe'],
      acr: null,
    },
    acrValues,
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Déconnexion de ProConnect (test)',
            `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Se déconnecter</button>`);
        },
      },
    },
    pkce: { required: () => false },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (ctx, sub) => {
      if (!users[sub]) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...users[sub] }) };
    },
  });

  const oidc = provider.callback();
  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      if (url.pathname.startsWith('/api/v2/')) {
        if (tamper === 'id_token' && url.pathname === '/api/v2/token') {
          tamper = null;
          const end = res.end.bind(res);
          res.end = (body, ...rest) => {
            const json = JSON.parse(body.toString());
            const [head, payload, signature] = json.id_token.split('.');
            const claims = JSON.parse(Buffer.from(payload, 'base64url'));
            claims.sub = `${claims.sub}-forged`;
            json.id_token = [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
            const forged = JSON.stringify(json);
            res.setHeader('Content-Length', Buffer.byteLength(forged));
            return end(forged, ...rest);
          };
        }
        req.originalUrl = req.url;
        req.url = req.url.slice('/api/v2'.length);
        return oidc(req, res);
      }
      if (req.method === 'POST' && url.pathname === '/__test/tamper') {
        tamper = url.searchParams.get('what');
        res.writeHead(204).end();
        return;
      }
      const match = url.pathname.match(/^\/interaction\/([\w-]+)(\/login|\/abort)?$/);
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        const choices = Object.entries(users).map(([sub, u], i) => `<p><input type="radio" name="sub" id="u${i}" value="${escape(sub)}"${i === 0 ? ' checked' : ''}>
<label for="u${i}">${escape(u.email)}</label></p>`).join('');
        const acr = acrValues.map((a) => `<option>${a}</option>`).join('');
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(page('Connexion ProConnect (fournisseur de test)', `
<form method="post" action="/interaction/${details.uid}/login">${choices}
<p><label for="acr">Niveau</label> <select id="acr" name="acr">${acr}</select></p>
<button type="submit" id="idp-login">Continuer</button></form>
<form method="post" action="/interaction/${details.uid}/abort"><button type="submit" id="idp-abort">Annuler</button></form>`));
        return;
      }
      if (match[2] === '/abort') {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'cancelled by the user' }, { mergeWithLastSubmission: false });
        return;
      }
      const form = await readForm(req);
      const sub = form.get('sub');
      if (!users[sub]) {
        res.writeHead(400).end('unknown user');
        return;
      }
      const grant = new provider.Grant({ accountId: sub, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const asked = details.params.claims ? JSON.parse(details.params.claims) : {};
      grant.addOIDCClaims([...Object.keys(asked.id_token ?? {}), ...Object.keys(asked.userinfo ?? {})]);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, {
        login: { accountId: sub, acr: form.get('acr') ?? 'eidas1' },
        consent: { grantId },
      }, { mergeWithLastSubmission: false });
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

// The harness closes stdin when it drops the provider: stop with it, whatever happens to the test.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

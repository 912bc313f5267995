/**
 * Catalogue group "app" (see ../catalog.ts): the console's frame (title, navigation, status bar),
 * sign-in, first run, account, refusals, roles and API error reasons. French and English side by side.
 */
import type { Section } from '../translate.ts';

export const app = {
  // The frame
  consoleTitle: { fr: 'Console Vigie', en: 'Vigie console' },
  consoleTitlePending: { fr: '({count}) Console Vigie', en: '({count}) Vigie console' },
  connectingToVigie: { fr: 'Connexion à Vigie…', en: 'Connecting to Vigie…' },
  connecting: { fr: 'Connexion…', en: 'Connecting…' },
  skipToContent: { fr: 'Aller au contenu', en: 'Skip to content' },
  mainNav: { fr: 'Navigation principale', en: 'Main' },
  navAlerts: { fr: 'Alertes', en: 'Alerts' },
  navLive: { fr: 'Vue en direct', en: 'Live view' },
  navCameras: { fr: 'Caméras', en: 'Cameras' },
  navDashboard: { fr: 'Tableau de bord', en: 'Dashboard' },
  navAccounts: { fr: 'Comptes', en: 'Accounts' },
  navJournal: { fr: 'Journal', en: 'Journal' },
  navSettings: { fr: 'Paramètres', en: 'Settings' },
  /** Keyboard help on a navigation link: Alt+1..7 opens the screen from anywhere. */
  navShortcut: { fr: '{label} (Alt+{key})', en: '{label} (Alt+{key})' },
  pendingBadge: { fr: '{count} à qualifier', en: '{count} to qualify' },
  camerasInTrouble: {
    fr: { one: '{count} caméra en défaut', other: '{count} caméras en défaut' },
    en: { one: '{count} camera(s) in trouble', other: '{count} camera(s) in trouble' },
  },
  connectionOpen: { fr: 'En direct', en: 'Live' },
  connectionClosed: { fr: 'Déconnecté, nouvelle tentative…', en: 'Disconnected, retrying' },
  soundHint: { fr: 'Signal sonore des nouvelles alertes', en: 'Sound cue for new alerts' },
  soundOn: { fr: 'Son activé', en: 'Sound on' },
  soundOff: { fr: 'Son coupé', en: 'Sound off' },
  soundBlocked: {
    fr: 'Son bloqué par le navigateur : cliquez pour activer les signaux d’alerte',
    en: 'Sound blocked by the browser: click to enable the alert cues',
  },
  accountLink: { fr: 'Mot de passe', en: 'Password' },
  signOut: { fr: 'Se déconnecter', en: 'Sign out' },

  // Roles
  role_admin: { fr: 'administrateur', en: 'admin' },
  role_supervisor: { fr: 'superviseur', en: 'supervisor' },
  role_operator: { fr: 'opérateur', en: 'operator' },
  role_auditor: { fr: 'auditeur', en: 'auditor' },

  // A screen the role may not open
  refusedTitle: { fr: 'Écran non disponible pour votre compte', en: 'Not available to your account' },
  refusedReason: { fr: 'Cet écran nécessite {needs} ; vous êtes connecté {asRole}.', en: 'This screen needs {needs}; you are signed in {asRole}.' },
  needs_supervisor: { fr: 'un compte superviseur ou administrateur', en: 'a supervisor or admin account' },
  needs_admin: { fr: 'un compte administrateur', en: 'an admin account' },
  needs_auditor: { fr: 'un compte auditeur ou administrateur', en: 'an auditor or admin account' },
  as_admin: { fr: 'en tant qu’administrateur', en: 'as an admin' },
  as_supervisor: { fr: 'en tant que superviseur', en: 'as a supervisor' },
  as_operator: { fr: 'en tant qu’opérateur', en: 'as an operator' },
  as_auditor: { fr: 'en tant qu’auditeur', en: 'as an auditor' },
  refusedAsk: { fr: 'Adressez-vous à un administrateur si vous en avez besoin.', en: 'Ask an administrator if you need it.' },
  backToAlerts: { fr: 'Retour aux alertes', en: 'Back to the alerts' },

  // Sign-in and passwords
  signIn: { fr: 'Se connecter', en: 'Sign in' },
  signingIn: { fr: 'Connexion…', en: 'Signing in…' },
  username: { fr: 'Identifiant', en: 'Username' },
  password: { fr: 'Mot de passe', en: 'Password' },
  atLeastChars: { fr: '(au moins {min} caractères)', en: '(at least {min} characters)' },

  // First run
  setupSteps: { fr: 'Étapes de la mise en service', en: 'Set-up steps' },
  stepAdmin: { fr: '1. Compte administrateur', en: '1. Administrator account' },
  stepCamera: { fr: '2. Première caméra', en: '2. First camera' },
  skipCameras: { fr: 'Passer, ajouter les caméras plus tard', en: 'Skip, add cameras later' },
  setupTitle: { fr: 'Bienvenue : créez le compte administrateur', en: 'Welcome: create the administrator' },
  setupIntro: {
    fr: 'Aucun compte n’existe encore. Ce premier compte administre les utilisateurs et les caméras.',
    en: 'No account exists yet. This first account administers users and cameras.',
  },
  setupToken: { fr: 'Jeton de première mise en service', en: 'First-run token' },
  setupTokenHint: { fr: '(affiché au démarrage dans la console du serveur :', en: "(printed on the server's console at start:" },
  confirmPassword: { fr: 'Confirmez le mot de passe', en: 'Confirm password' },
  passwordTooShort: { fr: 'Le mot de passe doit comporter au moins {min} caractères.', en: 'The password needs at least {min} characters.' },
  passwordsDiffer: { fr: 'Les deux mots de passe diffèrent.', en: 'The two passwords differ.' },
  creating: { fr: 'Création…', en: 'Creating…' },
  createAccount: { fr: 'Créer le compte', en: 'Create account' },

  // Your account
  accountTitle: { fr: 'Votre compte', en: 'Your account' },
  changePasswordTitle: { fr: 'Modifier votre mot de passe', en: 'Change your password' },
  otherSessionsEnd: {
    fr: 'Vos autres sessions (autres navigateurs, autres ordinateurs) sont fermées ; celle-ci reste ouverte.',
    en: 'Your other sessions (other browsers, other computers) end; this one stays.',
  },
  currentPassword: { fr: 'Mot de passe actuel', en: 'Current password' },
  newPassword: { fr: 'Nouveau mot de passe', en: 'New password' },
  repeatNewPassword: { fr: 'Répétez le nouveau mot de passe', en: 'Repeat the new password' },
  newPasswordsDiffer: { fr: 'les deux nouveaux mots de passe diffèrent', en: 'the two new passwords differ' },
  passwordChanged: { fr: 'Mot de passe modifié.', en: 'Password changed.' },
  changePassword: { fr: 'Modifier le mot de passe', en: 'Change password' },

  // Why a request failed (the server's detail follows, as it words it)
  alreadyQualified: {
    fr: 'Alerte déjà qualifiée « {status} » par {by} le {at} : seul un superviseur peut corriger la décision.',
    en: 'Already qualified "{status}" by {by} at {at}: only a supervisor can correct the decision.',
  },
  errorWithDetail: { fr: '{reason} : {detail}', en: '{reason}: {detail}' },
  errorNetwork: { fr: 'Serveur injoignable', en: 'Server unreachable' },
  errorBadRequest: { fr: 'Requête invalide', en: 'Invalid request' },
  errorUnauthorized: { fr: 'Connexion refusée', en: 'Sign-in refused' },
  errorForbidden: { fr: 'Action non autorisée', en: 'Not allowed' },
  errorNotFound: { fr: 'Introuvable', en: 'Not found' },
  errorConflict: { fr: 'Conflit', en: 'Conflict' },
  errorTooLarge: { fr: 'Contenu trop volumineux', en: 'Too large' },
  errorUnsupportedType: { fr: 'Format non pris en charge', en: 'Unsupported format' },
  errorMisdirected: { fr: 'Adresse du serveur non reconnue', en: 'Server address not recognised' },
  errorTooMany: { fr: 'Trop de tentatives', en: 'Too many attempts' },
  errorInternal: { fr: 'Erreur du serveur', en: 'Server error' },
  errorOther: { fr: 'Erreur', en: 'Error' },
} as const satisfies Section;

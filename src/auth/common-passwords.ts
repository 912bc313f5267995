/**
 * Passwords too common to protect anything: the ones that top the published lists of leaked
 * passwords, with the obvious variants for this product. Lower case; compared case-insensitively.
 * Short ones are refused by the length rule already; the list keeps them for completeness of the
 * check when the length rule changes.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '123456', '123456789', '12345678', 'password', 'qwerty123', 'qwerty', '1234567890', '1234567', '111111', '123123',
  'abc123', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pa55word', 'pass1234',
  'iloveyou', 'princess', 'admin123', 'admin1234', 'administrator', 'adminadmin', 'admin@123', 'welcome1', 'welcome123', 'welcome!',
  '12345678910', '123456789a', 'a123456789', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e4r5t6y', 'qwertyuiop', 'qwerty12', 'qwerty1234', 'qwertyui',
  'asdfghjkl', 'asdfasdf', 'zxcvbnm1', 'zaq12wsx', '1qaz2wsx', '1qazxsw2', 'qazwsxedc', 'q1w2e3r4', 'q1w2e3r4t5', 'aa123456',
  'abcd1234', 'abcdefgh', 'abcdef123', 'abc12345', '11111111', '00000000', '88888888', '12341234', '87654321', '11223344',
  '123qweasd', '123qwe123', 'qwe123qwe', 'sunshine', 'sunshine1', 'football', 'football1', 'baseball', 'basketball', 'superman',
  'batman123', 'starwars', 'trustno1', 'letmein1', 'letmein123', 'monkey123', 'dragon123', 'shadow123', 'master123', 'michael1',
  'jennifer', 'jordan23', 'charlie1', 'computer', 'internet', 'whatever', 'freedom1', 'liverpool', 'chelsea1', 'arsenal1',
  'pokemon1', 'cookie123', 'chocolate', 'butterfly', 'mustang1', 'corvette', 'mercedes', 'ferrari1', 'porsche1', 'yankees1',
  'princess1', 'iloveyou1', 'iloveyou2', 'lovelove', 'loveyou1', 'ilovemom', 'babygirl', 'angel123', 'flower123', 'summer2024',
  'summer2025', 'summer2026', 'winter2024', 'winter2025', 'winter2026', 'spring2025', 'autumn2025', 'january1', 'december',
  'changeme', 'changeme1', 'changeme123', 'default1', 'default123', 'secret123', 'secret12', 'mysecret', 'letmein!', 'test1234',
  'testtest', 'test12345', 'testing1', 'testing123', 'guest123', 'guestguest', 'user1234', 'username', 'username1', 'login123',
  'root1234', 'rootroot', 'toor1234', 'support1', 'service1', 'security', 'security1', 'security123', 'operator', 'operator1',
  'supervisor', 'supervisor1', 'auditor1', 'manager1', 'camera123', 'camera1234', 'cctv1234', 'cctv12345', 'video123', 'surveillance',
  'vigie123', 'vigie1234', 'vigievigie', 'vigie2025', 'vigie2026', 'motdepasse', 'motdepasse1', 'azerty123', 'azertyuiop', 'azerty12',
  'soleil123', 'bonjour1', 'bonjour123', 'doudou123', 'chouchou', 'loulou123', 'marseille', 'nicolas1', 'passwort', 'hallo123',
  'schalke04', 'contraseña', 'contrasena', 'password!', 'password@1', 'password#1', 'passpass', 'p4ssw0rd', 'pa$$w0rd', 'pa$$word',
  'qwerty!23', '!qaz2wsx', 'zaq1zaq1', 'zaq1@wsx', '1234qwer', 'qwer1234', 'asdf1234', '1234asdf', 'asd123456', 'qweasdzxc',
  '147258369', '159753456', '741852963', '123654789', '987654321', '999999999', '666666666', '123321123', '12qwaszx', 'qazxswedc',
];

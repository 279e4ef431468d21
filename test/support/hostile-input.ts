/**
 * Input no person means, whatever the platform: control and invisible characters, absurd and
 * non-numeric numbers, empty text, injection attempts. Each fuzz suite adds its platform's markup.
 */
export const hostileText: readonly string[] = [
  "\u0000\u0007\u001b[31m",
  "\u202eesrever",
  "\u200b\u200d\ufeff",
  "💥".repeat(50),
  "x".repeat(5_000),
  "-3",
  "-0",
  "1e9",
  "1e12",
  "NaN",
  "Infinity",
  "0x10",
  "3.5",
  "٣",
  "",
  "   ",
  "null",
  '{"$gt":1}',
  "'; DROP TABLE \"Person\"; --",
];

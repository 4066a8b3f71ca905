import fc from 'fast-check';

/** Strings people and attackers send: empty, huge, unicode, control characters, injection attempts. */
export const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\n', '\t', '\u202e', '\ufeff', ' ', '/', ':', '%', '\\'), maxLength: 30 }),
  fc.constantFrom(
    "'; drop table answers; --",
    '<script>alert(1)</script>',
    '${process.exit(1)}',
    '<!channel> @everyone',
    '*'.repeat(500),
    'x'.repeat(5000),
    '../../etc/passwd',
    '9'.repeat(40),
    '-1',
    '1e9',
    'NaN',
  ),
);

/** Action-id prefixes the core knows, and some it does not. */
export const ACTION_PREFIXES = ['ans', 'exs', 'ldone', 'dans', 'dq', 'fit', 'dform', 'forget', 'x', ''];

/** An action or form id: a known prefix with arbitrary parts. */
export const actionId = fc.tuple(fc.constantFrom(...ACTION_PREFIXES), fc.array(nasty, { maxLength: 4 })).map(([prefix, parts]) => [prefix, ...parts].join(':'));

/** The stable code at the end of a rejection the member sees, `(CODE)`; undefined when there is none. */
export const shownCode = (text: string): string | undefined => /\(([A-Z][A-Z0-9_]+)\)_?\s*$/m.exec(text)?.[1];

/** The apology the core gives for an unexpected failure: never acceptable for bad input. */
export const INTERNAL_APOLOGY = 'something went wrong on our side';

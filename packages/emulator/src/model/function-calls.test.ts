import { describe, expect, it } from 'vitest';
import type { Content, FunctionCall, GenerateContentRequest } from '../wire/types.js';
import { parametersOf } from './fill-arguments.js';
import { generateAnswer } from './generate-answer.js';
import { matchesSchema } from './matches-schema.js';
import { agentTools, ask, model, moreAgentTools, user } from './test-support/requests.js';

const flash = model('gemini-2.5-flash');
const flash3 = model('gemini-3-flash-preview');

const weather = {
  name: 'get_weather',
  description: 'Get the current weather forecast for a city.',
  parameters: {
    type: 'OBJECT',
    properties: { city: { type: 'STRING' }, unit: { type: 'STRING', enum: ['celsius', 'fahrenheit'] } },
    required: ['city'],
  },
};
const sum = {
  name: 'sum',
  description: 'sums two integers',
  parametersJsonSchema: {
    type: 'object',
    properties: { a: { type: 'integer' }, b: { type: 'integer' } },
    required: ['a', 'b'],
    additionalProperties: false,
  },
};
const tools = [{ functionDeclarations: [weather, sum, ...agentTools] }];

function calls(request: GenerateContentRequest, id = 'gemini-2.5-flash'): FunctionCall[] {
  return generateAnswer(request, model(id), { seed: 5 }).answerParts.flatMap((part) =>
    part.functionCall === undefined ? [] : [part.functionCall],
  );
}

function withoutIds(list: FunctionCall[]): { name: string; args: unknown }[] {
  return list.map(({ name, args }) => ({ name, args }));
}

describe('choosing a function', () => {
  it('calls the tool whose name or purpose the prompt asks for, with arguments from the prompt', () => {
    expect(withoutIds(calls(ask("What's the weather forecast in Lisbon today?", { tools })))).toEqual([
      { name: 'get_weather', args: { city: 'Lisbon' } },
    ]);
    expect(withoutIds(calls(ask('what is the sum of 1 + 2?', { tools })))).toEqual([
      { name: 'sum', args: { a: 1, b: 2 } },
    ]);
    expect(withoutIds(calls(ask('Please read_file notes/plan.md for me.', { tools })))).toEqual([
      { name: 'read_file', args: { path: 'notes/plan.md' } },
    ]);
  });

  it('answers in text when no tool fits the prompt (AUTO)', () => {
    expect(calls(ask('Write a haiku about autumn leaves.', { tools }))).toEqual([]);
  });

  it('never calls under mode NONE, or when no tools are declared', () => {
    const none = { tools, toolConfig: { functionCallingConfig: { mode: 'NONE' as const } } };
    expect(calls(ask("What's the weather in Lisbon?", none))).toEqual([]);
    expect(calls(ask("What's the weather in Lisbon? Use get_weather."))).toEqual([]);
  });

  it('always calls under ANY, only among allowedFunctionNames, with valid arguments', () => {
    const any = {
      tools,
      toolConfig: { functionCallingConfig: { mode: 'ANY' as const, allowedFunctionNames: ['get_weather'] } },
    };
    const result = calls(ask('Write a haiku about autumn leaves.', any));
    expect(result.map((call) => call.name)).toEqual(['get_weather']);
    expect(matchesSchema(result[0]?.args, parametersOf(weather))).toBe(true);
    const sumOnly = {
      tools,
      toolConfig: { functionCallingConfig: { mode: 'ANY' as const, allowedFunctionNames: ['sum'] } },
    };
    expect(calls(ask("What's the weather in Lisbon?", sumOnly)).map((call) => call.name)).toEqual(['sum']);
  });

  it('does not call a tool whose required input the prompt lacks (no path for read_file)', () => {
    expect(
      calls(ask('Read the file please.', { tools: [{ functionDeclarations: [agentTools[1] as never] }] })),
    ).toEqual([]);
  });

  it('gives arguments valid for every declared schema flavour', () => {
    for (const declaration of tools[0]?.functionDeclarations ?? []) {
      const forced = {
        tools,
        toolConfig: {
          functionCallingConfig: { mode: 'ANY' as const, allowedFunctionNames: [declaration.name] },
        },
      };
      const [call] = calls(ask('Do it for Porto on 2025-03-01 with 12 and 30, file a.txt.', forced));
      expect(matchesSchema(call?.args, parametersOf(declaration))).toBe(true);
    }
  });
});

describe('arguments drawn from the prompt', () => {
  it('passes an arithmetic expression to a calculator, and a file named in the request to read_file', () => {
    const agent = { tools: [{ functionDeclarations: agentTools }] };
    expect(withoutIds(calls(ask('What is 12 * 7? Use the calculator.', agent)))).toEqual([
      { name: 'calculator', args: { expression: '12 * 7' } },
    ]);
    expect(withoutIds(calls(ask('Summarize notes/meeting.md', agent)))).toEqual([
      { name: 'read_file', args: { path: 'notes/meeting.md' } },
    ]);
  });

  it('passes a quoted phrase to a search tool', () => {
    const search = {
      name: 'search_files',
      description: 'Search the text of the files for a phrase.',
      parameters: { type: 'OBJECT', properties: { query: { type: 'STRING' } }, required: ['query'] },
    };
    expect(
      withoutIds(
        calls(
          ask('Search the files for "quarterly budget" please.', {
            tools: [{ functionDeclarations: [search] }],
          }),
        ),
      ),
    ).toEqual([{ name: 'search_files', args: { query: 'quarterly budget' } }]);
  });

  it('calls every tool the request names, in parallel', () => {
    expect(
      calls(
        ask('Use list_files and read_file on README.md.', { tools: [{ functionDeclarations: agentTools }] }),
      ).map((call) => call.name),
    ).toEqual(['list_files', 'read_file']);
  });
});

describe('parallel calls', () => {
  it('calls one tool once per request part, as recorded (007/011)', () => {
    expect(withoutIds(calls(ask('Can you add 2 and 3? Also 4 and 5? And 6 and 7?', { tools })))).toEqual([
      { name: 'sum', args: { a: 2, b: 3 } },
      { name: 'sum', args: { a: 4, b: 5 } },
      { name: 'sum', args: { a: 6, b: 7 } },
    ]);
  });

  it('calls a tool once per item the prompt lists', () => {
    expect(withoutIds(calls(ask('Read both notes/a.md and notes/b.md.', { tools })))).toEqual([
      { name: 'read_file', args: { path: 'notes/a.md' } },
      { name: 'read_file', args: { path: 'notes/b.md' } },
    ]);
  });

  it('calls several tools when the prompt asks for each (recorded 012)', () => {
    const translators = [
      {
        name: 'translator_es',
        description: 'Translates an English phrase into Spanish.',
        parameters: { type: 'OBJECT', properties: { request: { type: 'STRING' } }, required: ['request'] },
      },
      {
        name: 'translator_fr',
        description: 'Translates an English phrase into French.',
        parameters: { type: 'OBJECT', properties: { request: { type: 'STRING' } }, required: ['request'] },
      },
    ];
    expect(
      withoutIds(
        calls(
          ask("Translate 'good morning' to both Spanish and French.", {
            tools: [{ functionDeclarations: translators }],
          }),
        ),
      ),
    ).toEqual([
      { name: 'translator_es', args: { request: 'good morning' } },
      { name: 'translator_fr', args: { request: 'good morning' } },
    ]);
  });

  it('gives gemini-3 calls ids and a signature on the first call part only; 2.5 calls no ids', () => {
    const parts = generateAnswer(ask('Can you add 2 and 3? Also 4 and 5?', { tools }), flash3, {
      seed: 5,
    }).answerParts;
    expect(parts.map((part) => part.functionCall?.id)).toEqual([
      expect.stringMatching(/^[a-z0-9]{8}$/),
      expect.stringMatching(/^[a-z0-9]{8}$/),
    ]);
    expect(parts.map((part) => typeof part.thoughtSignature)).toEqual(['string', 'undefined']);
    const old = generateAnswer(ask('Can you add 2 and 3? Also 4 and 5?', { tools }), flash, {
      seed: 5,
    }).answerParts;
    expect(old.map((part) => part.functionCall?.id)).toEqual([undefined, undefined]);
    expect(old.map((part) => typeof part.thoughtSignature)).toEqual(['string', 'undefined']);
  });

  it('ends a call answer with STOP and the recorded finish message, counting each call', () => {
    const answer = generateAnswer(ask('what is the sum of 1 + 2?', { tools }), flash, { seed: 5 });
    expect([answer.finishReason, answer.finishMessage]).toEqual([
      'STOP',
      'Model generated function call(s).',
    ]);
    expect(answer.candidatesTokenCount).toBeGreaterThan(3);
  });
});

describe('after function results', () => {
  it('answers in text quoting the results (recorded 008)', () => {
    const contents: Content[] = [
      user('Can you add 2 and 3? Also 4 and 5?'),
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'sum', args: { a: 2, b: 3 } }, thoughtSignature: 'c2ln' },
          { functionCall: { name: 'sum', args: { a: 4, b: 5 } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'sum', response: { sum: 5 } } },
          { functionResponse: { name: 'sum', response: { sum: 9 } } },
        ],
      },
    ];
    const answer = generateAnswer({ contents, tools }, flash, { seed: 5 });
    expect(answer.answerParts).toHaveLength(1);
    expect(answer.answerParts[0]?.text).toContain('sum(2, 3) returned 5');
    expect(answer.answerParts[0]?.text).toContain('sum(4, 5) returned 9');
  });

  it.each([
    ['the file tools and the calculator', agentTools],
    ['every file tool, search and write included', [...agentTools, ...moreAgentTools]],
  ])(
    'follows a multi-step plan offline with %s: list files, read the relevant one, compute, answer',
    (_, declarations) => {
      const files: Record<string, string> = {
        'notes/q3-marketing-plan.md':
          'Q3 Marketing Plan. The marketing budget for Q3 is $12,500. Most of it goes to events in Lisbon.',
        'notes/team.md': 'The team has 6 people. Maria leads design.',
        'README.md': 'Company documents.',
      };
      const run = (call: FunctionCall): string => {
        if (call.name === 'list_files') return `the root folder: 3 entries\n${Object.keys(files).join('\n')}`;
        if (call.name === 'read_file') return files[String(call.args?.path)] ?? 'no such file';
        return call.args?.expression === '12500 * 4' ? '50000' : 'unexpected expression';
      };
      const contents: Content[] = [
        user('What is the marketing budget for Q3 in our documents, and what is it times 4?'),
      ];
      const steps: string[] = [];
      for (let step = 0; step < 6; step += 1) {
        const answer = generateAnswer({ contents, tools: [{ functionDeclarations: declarations }] }, flash3, {
          seed: 9,
        });
        const made = answer.answerParts.flatMap((part) =>
          part.functionCall === undefined ? [] : [part.functionCall],
        );
        if (made.length === 0) {
          steps.push(`answer: ${answer.answerParts[0]?.text ?? ''}`);
          break;
        }
        steps.push(made.map((call) => `${call.name}(${JSON.stringify(call.args)})`).join(' '));
        contents.push({ role: 'model', parts: answer.answerParts });
        contents.push({
          role: 'user',
          parts: made.map((call) => ({
            functionResponse: { name: call.name, id: call.id, response: { result: run(call) } },
          })),
        });
      }
      expect(steps.slice(0, 3)).toEqual([
        'list_files({})',
        'read_file({"path":"notes/q3-marketing-plan.md"})',
        'calculator({"expression":"12500 * 4"})',
      ]);
      expect(steps[3]).toMatch(/^answer: .*50000.*\$12,500/s);
    },
  );

  it('summarizes what a tool read when the request asks for a summary', () => {
    const meeting =
      'The team met on Monday. We agreed to ship the beta on 2025-05-01. Maria will prepare the release notes.';
    const contents: Content[] = [
      user('Summarize notes/meeting.md in one sentence.'),
      { role: 'model', parts: [{ functionCall: { name: 'read_file', args: { path: 'notes/meeting.md' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'read_file', response: { result: meeting } } }] },
    ];
    const text =
      generateAnswer({ contents, tools: [{ functionDeclarations: agentTools }] }, flash, { seed: 5 })
        .answerParts[0]?.text ?? '';
    const summary = text.split('\n').at(-1) ?? '';
    expect(meeting).toContain(summary);
    expect(summary.split('. ')).toHaveLength(1);
  });

  it('searches for a name the question asks about, then reads the file the search found', () => {
    const declarations = [...agentTools, ...moreAgentTools];
    const contents: Content[] = [user('Which file mentions Lisbon?')];
    const first = calls({ contents, tools: [{ functionDeclarations: declarations }] });
    expect(withoutIds(first)).toEqual([{ name: 'search_files', args: { query: 'Lisbon' } }]);
    contents.push(
      { role: 'model', parts: [{ functionCall: first[0] as FunctionCall }] },
      {
        role: 'user',
        parts: [
          {
            functionResponse: {
              name: 'search_files',
              response: { result: 'notes/plan.md:3: Most of it goes to events in Lisbon.' },
            },
          },
        ],
      },
    );
    expect(withoutIds(calls({ contents, tools: [{ functionDeclarations: declarations }] }))).toEqual([
      { name: 'read_file', args: { path: 'notes/plan.md' } },
    ]);
  });

  it('never writes or sends unless the request asks for it', () => {
    const declarations = [...agentTools, ...moreAgentTools];
    const contents: Content[] = [
      user('Which file mentions Lisbon?'),
      { role: 'model', parts: [{ functionCall: { name: 'read_file', args: { path: 'README.md' } } }] },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'read_file', response: { result: 'Company documents.' } } }],
      },
    ];
    expect(
      calls({ contents, tools: [{ functionDeclarations: declarations }] }).map((call) => call.name),
    ).not.toContain('write_file');
    expect(
      withoutIds(
        calls(
          ask('Save the note "call Ana" to notes/todo.md.', {
            tools: [{ functionDeclarations: declarations }],
          }),
        ),
      ),
    ).toEqual([{ name: 'write_file', args: { path: 'notes/todo.md', content: expect.any(String) } }]);
  });

  it('does not repeat a call it already made in the turn', () => {
    const contents: Content[] = [
      user("What's the weather in Lisbon?"),
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Lisbon' } } }] },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'get_weather', response: { result: 'Sunny, 24 degrees.' } } }],
      },
    ];
    const answer = generateAnswer({ contents, tools }, flash, { seed: 5 });
    expect(answer.answerParts.map((part) => part.functionCall)).toEqual([undefined]);
    expect(answer.answerParts[0]?.text).toContain('Sunny, 24 degrees.');
  });
});

import { describe, expect, it } from 'vitest';
import { ansiColor, parseAnsi, stripAnsi } from './parse-ansi';

const E = '\u001b';

describe('parseAnsi', () => {
  it('keeps plain text as one span', () => {
    expect(parseAnsi('hello world')).toEqual([{ text: 'hello world' }]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('applies foreground, bright, background, bold and resets', () => {
    expect(parseAnsi(`${E}[31mred${E}[0m plain ${E}[1;92mbold bright${E}[39m still bold${E}[22m ${E}[44mbg${E}[49m`)).toEqual([
      { text: 'red', fg: 1 },
      { text: ' plain ' },
      { text: 'bold bright', fg: 10, bold: true },
      { text: ' still bold', bold: true },
      { text: ' ' },
      { text: 'bg', bg: 4 },
    ]);
    expect(parseAnsi(`${E}[101mx${E}[m y`)).toEqual([{ text: 'x', bg: 9 }, { text: ' y' }]);
  });

  it('reads 256-color and true-color sequences', () => {
    expect(parseAnsi(`${E}[38;5;208morange${E}[48;5;236m on gray`)).toEqual([
      { text: 'orange', fg: 208 },
      { text: ' on gray', fg: 208, bg: 236 },
    ]);
    expect(parseAnsi(`${E}[38;2;255;0;128mpink`)).toEqual([{ text: 'pink', fg: '#ff0080' }]);
  });

  it('drops other escape sequences and keeps what a carriage return leaves', () => {
    expect(parseAnsi(`${E}[2K${E}[1Gdone`)).toEqual([{ text: 'done' }]);
    expect(parseAnsi(`${E}]0;title${'\u0007'}text`)).toEqual([{ text: 'text' }]);
    expect(parseAnsi('10%\r50%\r100%')).toEqual([{ text: '100%' }]);
    expect(parseAnsi('windows line\r')).toEqual([{ text: 'windows line' }]);
    expect(stripAnsi(`section_start:1:build\r${E}[0K${E}[36mBuilding${E}[0m`)).toBe('Building');
  });

  it('maps palette indexes to colors', () => {
    expect(ansiColor(1)).toBe('var(--ansi-1)');
    expect(ansiColor(16)).toBe('rgb(0, 0, 0)');
    expect(ansiColor(231)).toBe('rgb(255, 255, 255)');
    expect(ansiColor(196)).toBe('rgb(255, 0, 0)');
    expect(ansiColor(232)).toBe('rgb(8, 8, 8)');
    expect(ansiColor('#123456')).toBe('#123456');
  });
});

import { readFileSync } from 'node:fs';
import { Tokenizer } from '@recur/data';
import { listDatasets, loadDataset } from '@recur/datasets';
import { ValueError } from '@recur/tensor';
import { captureError } from '@recur/testing';
import { describe, expect, it } from 'vitest';

describe('bundled data sets', () => {
  it("'co2' has 741 months of dates and both CO2 columns", () => {
    const { dates, co2, adjustedCo2 } = loadDataset('co2');
    expect(dates).toHaveLength(741);
    expect(co2).toBeInstanceOf(Float64Array);
    expect(co2).toHaveLength(741);
    expect(adjustedCo2).toHaveLength(741);
    expect(dates[0].toISOString()).toBe('1958-03-01T00:00:00.000Z');
    expect(dates[740].toISOString()).toBe('2020-04-01T00:00:00.000Z');
    expect([co2[0], adjustedCo2[0]]).toEqual([315.7, 314.44]);
    expect(co2.every((value) => value > 300 && value < 420)).toBe(true);
  });

  it("'tinyshakespeare' is the whole text (1,115,394 characters), decompressed", () => {
    const text = loadDataset('tinyshakespeare');
    expect(text).toHaveLength(1_115_394);
    expect(text.startsWith('First Citizen:\nBefore we proceed any further, hear me speak.')).toBe(
      true,
    );
    const characters = new Tokenizer({ level: 'char', lower: false }).fitOnTexts([text]);
    expect(characters.wordIndex.size).toBe(65);
  });

  it("'sentiment-sentences' has 3,000 balanced sentences from three sites", () => {
    const { texts, labels, sources } = loadDataset('sentiment-sentences');
    expect(texts).toHaveLength(3000);
    expect(labels).toHaveLength(3000);
    expect(labels).toBeInstanceOf(Int32Array);
    expect(labels.reduce((sum, label) => sum + label, 0)).toBe(1500);
    for (const site of ['amazon', 'imdb', 'yelp'] as const) {
      expect(sources.filter((s) => s === site)).toHaveLength(1000);
    }
    expect(texts[0]).toBe(
      'So there is no way for me to plug it in here in the US unless I go by a converter.',
    );
    expect(labels[0]).toBe(0);
    expect(texts.every((text) => text.length > 0 && !text.includes('\t'))).toBe(true);
  });

  it('lists every data set with its source and licence, and names the valid ones on a typo', () => {
    expect(listDatasets().map((info) => info.name)).toEqual([
      'co2',
      'tinyshakespeare',
      'sentiment-sentences',
    ]);
    expect(listDatasets().every((info) => info.licence && info.source)).toBe(true);
    const error = captureError(() => loadDataset('co3' as 'co2'));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toBe(
      "loadDataset: expected one of 'co2', 'tinyshakespeare', 'sentiment-sentences', received 'co3'",
    );
  });

  it('ships the data folder and its attribution with the package', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { files: string[] };
    expect(manifest.files).toContain('datasets');
    const attribution = readFileSync(new URL('../datasets/README.md', import.meta.url), 'utf8');
    for (const credit of ['Scripps CO2 Program', 'CC BY 4.0', 'Kotzias', 'char-rnn'])
      expect(attribution).toContain(credit);
  });
});

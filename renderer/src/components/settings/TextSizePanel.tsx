import { useState } from 'react';
import { readTextSize, setTextSize, TEXT_SIZES, type TextSize } from '../../textSize';

/** Normal / Large / Largest, saved on this computer and applied to the whole app at once. */
export function TextSizePanel() {
  const [size, setSize] = useState<TextSize>(readTextSize);
  return (
    <section className="ls-panel" aria-labelledby="text-size-heading">
      <h2 id="text-size-heading">Text size</h2>
      <fieldset className="ls-radios">
        <legend>Size of the text everywhere in Cairn</legend>
        {TEXT_SIZES.map((option) => (
          <label key={option.id}>
            <input
              type="radio"
              name="text-size"
              value={option.id}
              checked={size === option.id}
              onChange={() => {
                setSize(option.id);
                setTextSize(option.id);
              }}
            />{' '}
            {option.label} ({option.percent}%)
          </label>
        ))}
      </fieldset>
    </section>
  );
}

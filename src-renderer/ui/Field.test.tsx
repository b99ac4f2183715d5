import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field } from './Field';
import { Form } from './Form';

describe('Field', () => {
  it('wraps its control in the label, so the label names it', () => {
    const html = renderToStaticMarkup(
      <Field label="Mô tả">
        <textarea data-testid="x" aria-invalid={true} />
      </Field>,
    );
    expect(html).toBe(
      '<label class="field"><span class="field__label">Mô tả</span><textarea data-testid="x" aria-invalid="true"></textarea></label>',
    );
  });
});

describe('Form', () => {
  it('carries its class and test id, and none when not given', () => {
    const submit = async (): Promise<void> => {};
    const a = (
      <Form className="a" testId="f" onSubmit={submit}>
        <button type="submit">Gửi</button>
      </Form>
    );
    expect(renderToStaticMarkup(a)).toBe('<form class="a" data-testid="f"><button type="submit">Gửi</button></form>');
    const b = (
      <Form className="b" onSubmit={submit}>
        {null}
      </Form>
    );
    expect(renderToStaticMarkup(b)).toBe('<form class="b"></form>');
  });
});

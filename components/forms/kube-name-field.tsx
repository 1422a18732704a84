'use client';

import type { ComponentProps, ReactNode } from 'react';
import { Field, fieldAria } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';

export interface KubeNameFieldProps extends Omit<ComponentProps<'input'>, 'id' | 'value' | 'onChange' | 'onBlur'> {
  id: string;
  label: ReactNode;
  /** The rule, in words ("lowercase letters, digits and “-”…"): a name is checked as it is typed. */
  description?: ReactNode;
  value: string;
  /** What is wrong with the name now; shown only once `onTouch` was called (the form keeps that state). */
  errors: string[];
  onChange: (value: string) => void;
  /** The person typed something or left the field: from then on its problems are shown. */
  onTouch?: () => void;
}

/**
 * A Kubernetes object name: monospaced, no autocorrect or capitals, its rule under it and what breaks the rule
 * beside it as soon as the person has typed, not only after they submit.
 */
export function KubeNameField({ id, label, description, value, errors, onChange, onTouch, className, ...input }: KubeNameFieldProps) {
  return (
    <Field id={id} label={label} description={description} error={errors} className={cn('max-w-md', className)}>
      <Input
        id={id}
        value={value}
        className="font-mono"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        {...input}
        onChange={(e) => {
          onChange(e.target.value);
          if (e.target.value) onTouch?.();
        }}
        onBlur={() => onTouch?.()}
        {...fieldAria(id, { description: !!description, error: errors.length })}
      />
    </Field>
  );
}

/** The "Name" section of a create form: a card with one {@link KubeNameField} (the name cannot change afterwards). */
export function KubeNameCard({ sectionId, ...field }: KubeNameFieldProps & { sectionId: string }) {
  return (
    <Card aria-labelledby={sectionId}>
      <CardHeader id={sectionId} title="Name" />
      <CardBody>
        <KubeNameField {...field} />
      </CardBody>
    </Card>
  );
}

import { Checkbox, NativeSelect, NumberInput, Textarea, TextInput } from '@mantine/core';
import type { CatalogField } from '../../../shared/domain/catalog';
import { type FieldValue, inputId } from './form-values';

interface Props {
  field: CatalogField;
  value: FieldValue;
  error: string | undefined;
  onChange(value: FieldValue): void;
}

/**
 * One catalog form field as a labelled native-feeling input; Mantine ties the error text to the input with
 * aria-describedby and sets aria-invalid. Choices are a native select: keyboard and screen-reader friendly.
 */
export function FormField({ field, value, error, onChange }: Props) {
  const common = {
    id: inputId(`formData.${field.key}`),
    label: field.label,
    description: field.help,
    required: field.required,
    error,
  };
  switch (field.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          value={String(value)}
          maxLength={field.maxLength ?? 200}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'textarea':
      return (
        <Textarea
          {...common}
          value={String(value)}
          autosize
          minRows={3}
          maxLength={field.maxLength ?? 5000}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          min={field.min}
          max={field.max}
          allowDecimal={false}
          onChange={(next) => onChange(typeof next === 'number' ? next : '')}
        />
      );
    case 'select':
      return (
        <NativeSelect
          {...common}
          value={String(value)}
          data={[
            { value: '', label: 'Choose…' },
            ...(field.options ?? []).map((option) => ({ value: option, label: option })),
          ]}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'date':
      return (
        <TextInput {...common} type="date" value={String(value)} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'checkbox':
      return (
        <Checkbox
          id={common.id}
          label={field.label}
          description={field.help}
          error={error}
          required={field.required}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
  }
}

/** One line of an order: a product and how many of it. */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
}

/** What a customer sends to place an order. */
export interface OrderRequest {
  readonly customerId: string;
  readonly items: OrderLine[];
}

/** An accepted order, as it travels on the queue from place-order to fulfil-order. */
export interface Order extends OrderRequest {
  readonly orderId: string;
  readonly placedAt: string;
}

/** The outcome of reading untrusted input: the value, or every reason it was refused. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: string[] };

const MAX_LINES = 50;
const MAX_QUANTITY = 1000;

/** Reads an order request from an HTTP body; every problem is reported, so the client fixes them in one go. */
export function parseOrderRequest(body: string | null | undefined): Parsed<OrderRequest> {
  const json = parseJson(body);
  if (!json.ok) {
    return json;
  }
  const errors = orderRequestErrors(json.value);
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  const request = json.value as unknown as OrderRequest;
  return {
    ok: true,
    value: { customerId: request.customerId, items: request.items.map(({ sku, quantity }) => ({ sku, quantity })) },
  };
}

/** Reads an accepted order from a queue message body. */
export function parseOrder(body: string | null | undefined): Parsed<Order> {
  const json = parseJson(body);
  if (!json.ok) {
    return json;
  }
  const order = json.value as Partial<Order>;
  const errors = orderRequestErrors(order);
  if (!isNonEmptyString(order.orderId)) {
    errors.push('orderId must be a non-empty string');
  }
  if (!isNonEmptyString(order.placedAt) || Number.isNaN(Date.parse(order.placedAt))) {
    errors.push('placedAt must be an ISO 8601 timestamp');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: order as Order };
}

function parseJson(body: string | null | undefined): Parsed<Record<string, unknown>> {
  if (!body) {
    return { ok: false, errors: ['the body is empty; send a JSON order'] };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, errors: ['the body is not valid JSON'] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: ['the body must be a JSON object'] };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function orderRequestErrors(candidate: Record<string, unknown>): string[] {
  const errors: string[] = [];
  if (!isNonEmptyString(candidate.customerId)) {
    errors.push('customerId must be a non-empty string');
  }
  const items = candidate.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_LINES) {
    errors.push(`items must be an array of 1 to ${MAX_LINES} order lines`);
    return errors;
  }
  items.forEach((line: unknown, index) => {
    const { sku, quantity } = (typeof line === 'object' && line !== null ? line : {}) as Partial<OrderLine>;
    if (!isNonEmptyString(sku)) {
      errors.push(`items[${index}].sku must be a non-empty string`);
    }
    if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > MAX_QUANTITY) {
      errors.push(`items[${index}].quantity must be an integer from 1 to ${MAX_QUANTITY}`);
    }
  });
  return errors;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

import { Money } from '../../../kernel/money/decimal';
import { firstNonZero, roundOffIfNearZero, settle, toStockPlaces } from './numbers';
import { copyQueue, queueTotals } from './queue';
import type { Layer, StockState, Valuation, ValuationOptions } from './types';

/**
 * FIFO: a queue of [qty, rate] layers, received at the end, issued from the front
 * (ERPNext's FIFOValuation in erpnext/stock/valuation.py and update_entries_after.update_queue_values
 * in erpnext/stock/stock_ledger.py). stock_value moves by the change in the queue's value; the rate
 * is stock_value / qty, and stays as it was when no quantity is left.
 */
export const fifoValuation: Valuation = {
  receive(prev, qty, incomingRate, opts) {
    return afterQueueChange(prev, qty, addLayer(prev.queue, qty, incomingRate), firstNonZero(incomingRate, prev.rate), opts);
  },

  issue(prev, qty, outgoingRate, fallbackRate, opts) {
    const { queue } = takeLayers(prev.queue, qty, outgoingRate, fallbackRate);
    return afterQueueChange(prev, qty.neg(), queue, firstNonZero(outgoingRate, prev.rate), opts);
  },

  reconciledQueue(_prev, qty, rate) {
    return [[qty, rate]];
  },

  /** erpnext/stock/utils.py get_fifo_rate: the average rate of the layers an issue of qty would take. */
  outgoingRate(prev, qty, opts) {
    if (!prev.queue.length) return prev.rate;
    const taken = queueTotals(takeLayers(prev.queue, qty, new Money(0), new Money(0)).taken);
    return taken.qty.isZero() ? new Money(0) : toStockPlaces(taken.value.div(taken.qty), opts);
  },
};

/**
 * FIFOValuation.add_stock: a receipt joins the last layer when the rates are equal, nets against a
 * negative last layer (taking the new rate once the balance is positive, keeping the old one while
 * it is still negative), else becomes a new layer.
 */
export function addLayer(queue: Layer[], qty: Money, rate: Money): Layer[] {
  const layers: Layer[] = queue.length ? copyQueue(queue) : [[new Money(0), new Money(0)]];
  const [lastQty, lastRate] = layers[layers.length - 1];
  if (lastRate.eq(rate)) {
    layers[layers.length - 1] = [lastQty.add(qty), lastRate];
  } else if (lastQty.gt(0)) {
    layers.push([qty, rate]);
  } else {
    const netted = lastQty.add(qty);
    layers[layers.length - 1] = netted.gt(0) ? [netted, rate] : [netted, lastRate];
  }
  return layers;
}

/**
 * FIFOValuation.remove_stock: takes qty from the oldest layers (from the first layer at
 * outgoingRate when one is given, as returns do); what the queue cannot cover stays as a negative
 * layer at outgoingRate or the last layer's rate. An empty queue is valued at fallbackRate.
 * Returns the queue left and the layers taken.
 */
export function takeLayers(queue: Layer[], qty: Money, outgoingRate: Money, fallbackRate: Money): { queue: Layer[]; taken: Layer[] } {
  const layers = copyQueue(queue);
  const taken: Layer[] = [];
  let left = qty;
  while (!left.isZero()) {
    if (!layers.length) layers.push([new Money(0), fallbackRate]);
    const index = outgoingRate.gt(0) ? Math.max(0, layers.findIndex(([, rate]) => rate.eq(outgoingRate))) : 0;
    const [layerQty, layerRate] = layers[index];
    if (left.gte(layerQty)) {
      left = roundOffIfNearZero(left.sub(layerQty));
      taken.push([layerQty, layerRate]);
      layers.splice(index, 1);
      if (!layers.length && !left.isZero()) {
        const rate = firstNonZero(outgoingRate, layerRate);
        layers.push([left.neg(), rate]);
        taken.push([left, rate]);
        break;
      }
    } else {
      layers[index] = [roundOffIfNearZero(layerQty.sub(left)), layerRate];
      taken.push([left, layerRate]);
      left = new Money(0);
    }
  }
  return { queue: layers, taken };
}

/** update_queue_values after the queue changed: qty, stock_value by the queue's change in value, rate. */
function afterQueueChange(prev: StockState, actualQty: Money, queue: Layer[], emptyQueueRate: Money, opts: ValuationOptions): StockState {
  const qty = roundOffIfNearZero(prev.qty.add(actualQty));
  const valueChange = queueTotals(queue).value.sub(queueTotals(prev.queue).value);
  const value = roundOffIfNearZero(prev.value.add(valueChange));
  const rate = qty.isZero() ? prev.rate : value.div(qty);
  return settle(qty, rate, value, queue.length ? queue : [[new Money(0), emptyQueueRate]], opts);
}

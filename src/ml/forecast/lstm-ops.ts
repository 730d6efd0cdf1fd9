import type * as tfjs from '@tensorflow/tfjs';

import type { Tf } from '../tf/tf-backend';

/**
 * The three differentiable ops the LSTM graph is made of, with gradients written for tfjs' wasm backend on the
 * small tensors of a per-series model. Measured there (batch 128 × 24 units): a product with a transposed operand
 * is ~9× slower than an explicit transpose followed by a plain product, binary ops that broadcast a scalar or a
 * bias row take a slow generic path, and `tanh` is ~8× slower than `sigmoid`. The built-in gradients hit all
 * three, so these ops transpose explicitly, use only same-shape element-wise ops, and compute tanh through the
 * sigmoid (tanh x = 2σ(2x) − 1). Values are identical to the built-ins up to float32 rounding.
 */
export interface LstmOps {
  matMul(a: tfjs.Tensor2D, b: tfjs.Tensor2D): tfjs.Tensor2D;
  sigmoid(x: tfjs.Tensor2D): tfjs.Tensor2D;
  tanh(x: tfjs.Tensor2D): tfjs.Tensor2D;
}

type Inputs = Array<tfjs.Tensor | tfjs.GradSaveFunc>;

export function lstmOps(tf: Tf): LstmOps {
  const matMul = tf.customGrad<tfjs.Tensor2D>((...inputs: Inputs) => {
    const [a, b, save] = inputs as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.GradSaveFunc];
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy, [sa, sb]) => [
        tf.matMul(dy, tf.transpose(sb as tfjs.Tensor2D)),
        tf.matMul(tf.transpose(sa as tfjs.Tensor2D), dy),
      ],
    };
  });
  const sigmoid = tf.customGrad<tfjs.Tensor2D>((...inputs: Inputs) => {
    const [x, save] = inputs as [tfjs.Tensor2D, tfjs.GradSaveFunc];
    const y = tf.sigmoid(x);
    save([y]);
    return {
      value: y,
      // σ' = y − y², without the broadcast scalar of 1 − y.
      gradFunc: (dy, [sy]) => tf.mul(dy, tf.sub(sy, tf.mul(sy, sy))),
    };
  });
  const tanh = tf.customGrad<tfjs.Tensor2D>((...inputs: Inputs) => {
    const [x, save] = inputs as [tfjs.Tensor2D, tfjs.GradSaveFunc];
    const s = tf.sigmoid(tf.add(x, x));
    const ones = tf.onesLike(x);
    const y = tf.sub<tfjs.Tensor2D>(tf.add(s, s), ones);
    save([y, ones]);
    return {
      value: y,
      gradFunc: (dy, [sy, sones]) => tf.mul(dy, tf.sub(sones, tf.mul(sy, sy))),
    };
  });
  return { matMul, sigmoid, tanh };
}

// Placeholder: the benchmark harness arrives with the tensor and kernel issues.
import { info } from '@recur/native';

console.log(JSON.stringify(info().openblas));
